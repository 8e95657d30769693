/** The Markdown reference for every custom element in a manifest, formatted by Prettier. */
export function renderApiDocs(manifest: unknown): Promise<string>;
