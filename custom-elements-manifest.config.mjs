// The element's API description (custom-elements.json at the repository root), generated from
// its class doc comment by `npm run build`. It leaves package.json alone: its "customElements"
// field already points at the generated file.
export default {
  globs: ['component/**/*.ts'],
  // The reactive base's members are the element's plumbing, as LitElement's were: not its API.
  exclude: ['component/internal/base-element.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // The analyzer also lists each `dispatchEvent(new BocaXEvent(…))` it sees, without a name
      // (our event classes name themselves); the `@fires` tags already describe every event.
      name: 'boca-named-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name);
          }
        }
      },
    },
  ],
};
