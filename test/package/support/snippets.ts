/**
 * Reads the framework snippets of docs/frameworks.md and lists what each one binds on
 * `<boca-user-profile>`: attributes, properties, events, or (React) props of the wrapper.
 *
 * @example
 *   const bindings = frameworkBindings(readFileSync('docs/frameworks.md', 'utf8'));
 *   bindings.vue; // [{ kind: 'attribute', name: 'api-base' }, { kind: 'event', name: 'boca-saved' }, …]
 */
export type Binding =
  | { kind: 'attribute'; name: string }
  | { kind: 'property'; name: string }
  | { kind: 'event'; name: string }
  | { kind: 'reactProp'; name: string };

export interface FrameworkBindings {
  react: Binding[];
  vue: Binding[];
  angular: Binding[];
}

const camel = (kebab: string) =>
  kebab.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Every fenced code block of a Markdown text, with its language tag. */
export function blocks(markdown: string): { lang: string; code: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1]!,
    code: m[2]!,
  }));
}

/** The attribute names written in the first `<tag …>` of `code` (values skipped). */
function tagNames(code: string, tag: string): string[] {
  const start = code.indexOf(`<${tag}`);
  if (start < 0) return [];
  // Walk to the tag's end, skipping quoted values and {…} expressions, which may hold `>`.
  let depth = 0;
  let quote = '';
  let end = start + tag.length + 1;
  for (; end < code.length; end++) {
    const char = code[end]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === '>' && depth === 0) break;
  }
  const inside = code.slice(start + tag.length + 1, end);
  const names: string[] = [];
  let skip = 0;
  let quoteIn = '';
  let name = '';
  for (const char of inside) {
    if (quoteIn) {
      if (char === quoteIn) quoteIn = '';
      continue;
    }
    if (skip > 0) {
      if (char === '{') skip++;
      else if (char === '}') skip--;
      continue;
    }
    if (char === '"' || char === "'") {
      quoteIn = char;
      continue;
    }
    if (char === '{') {
      skip = 1;
      continue;
    }
    if (char === '=') {
      if (name) names.push(name);
      name = '';
    } else if (/\s|\//.test(char)) name = '';
    else name += char;
  }
  return names;
}

function vueBinding(raw: string): Binding[] {
  if (raw.startsWith('@')) return [{ kind: 'event', name: raw.slice(1) }];
  if (raw.startsWith(':') && raw.endsWith('.prop')) {
    return [{ kind: 'property', name: camel(raw.slice(1, -'.prop'.length)) }];
  }
  // Vue sets a bound name as a property when the element has one, else as an attribute: the
  // element must have both for the snippet to work either way.
  const name = raw.replace(/^:/, '');
  return [
    { kind: 'attribute', name },
    { kind: 'property', name: camel(name) },
  ];
}

function angularBinding(raw: string): Binding[] {
  if (raw.startsWith('(')) return [{ kind: 'event', name: raw.slice(1, -1) }];
  if (raw.startsWith('[attr.')) return [{ kind: 'attribute', name: raw.slice(6, -1) }];
  if (raw.startsWith('[')) return [{ kind: 'property', name: raw.slice(1, -1) }];
  return [{ kind: 'attribute', name: raw }];
}

export function frameworkBindings(markdown: string): FrameworkBindings {
  const all = blocks(markdown);
  const react = all.find((b) => b.lang === 'tsx' && b.code.includes('<BocaUserProfile'));
  const vue = all.find((b) => b.lang === 'vue');
  const angular = all.find((b) => b.lang === 'ts' && b.code.includes('@Component'));
  return {
    react: react
      ? tagNames(react.code, 'BocaUserProfile').map((name) => ({ kind: 'reactProp', name }))
      : [],
    vue: vue ? tagNames(vue.code, 'boca-user-profile').flatMap(vueBinding) : [],
    angular: angular ? tagNames(angular.code, 'boca-user-profile').flatMap(angularBinding) : [],
  };
}
