import { execFile } from 'node:child_process';

// PDF.js (through unpdf) is an ES module loaded with a dynamic import, which Jest's CommonJS runtime
// refuses; the texts are read in one plain Node child process instead (PDFs in and texts out as JSON).
const EXTRACT = `
import { extractText, getDocumentProxy } from 'unpdf';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const texts = [];
for (const base64 of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
  const document = await getDocumentProxy(new Uint8Array(Buffer.from(base64, 'base64')));
  texts.push((await extractText(document, { mergePages: true })).text);
}
process.stdout.write(JSON.stringify(texts));
`;

/** The text of each PDF as a reader's copy-and-paste gives it (PDF.js through unpdf), whitespace folded to single spaces. */
export function pdfTexts(pdfs: Buffer[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '--eval', EXTRACT],
      { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) =>
        error ? reject(error) : resolve((JSON.parse(stdout) as string[]).map((text) => text.replace(/\s+/g, ' '))),
    );
    child.stdin?.end(JSON.stringify(pdfs.map((pdf) => pdf.toString('base64'))));
  });
}
