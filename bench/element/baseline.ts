/**
 * Builds the baseline form (`baseline-form.ts`) the way the element's self-contained bundle is
 * built (Vite, minified, Lit included), in memory.
 *
 * @example
 *   const script = await buildBaseline(); // Buffer of an ES module defining <boca-user-profile>
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ENTRY = fileURLToPath(new URL('./baseline-form.ts', import.meta.url));

interface Chunk {
  type: string;
  code?: string;
}

export async function buildBaseline(): Promise<Buffer> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: ENTRY,
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: 'baseline.js' },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: Chunk[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
  if (!chunk?.code) throw new Error('the baseline form built to nothing');
  return Buffer.from(chunk.code);
}
