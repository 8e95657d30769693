/**
 * Type-checks TypeScript snippets in memory with the repository's compiler options, as files
 * inside test/package/ (so their relative imports resolve), and returns each snippet's errors.
 *
 * @example
 *   const [errors] = typecheck(["import '../../component/index.js'; const x: number = 'a';"]);
 *   // errors: ["Type 'string' is not assignable to type 'number'."]
 */
import ts from 'typescript';

const root = new URL('../../../', import.meta.url).pathname;

export function typecheck(snippets: string[]): string[][] {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const files = snippets.map((_, i) => `${root}test/package/__snippet-${i}.ts`);
  const sources = new Map(files.map((file, i) => [file, snippets[i]!]));
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => sources.has(file) || fileExists.call(host, file);
  host.readFile = (file) => sources.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = sources.get(file);
    return text === undefined
      ? getSourceFile.call(host, file, language, ...rest)
      : ts.createSourceFile(file, text, language, true);
  };
  // The program holds the snippets and the repository's own declaration files (the test page's
  // react-dom types among them), nothing else of it.
  const ambient = config.fileNames.filter((file) => file.endsWith('.d.ts'));
  const program = ts.createProgram([...files, ...ambient], config.options, host);
  return files.map((file) => {
    const source = program.getSourceFile(file)!;
    return [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  });
}
