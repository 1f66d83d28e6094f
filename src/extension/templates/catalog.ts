// The designs shipped inside the extension: templates (templates/index.json) and examples
// (examples/*.sysdesign.yaml). Everything is read through `vscode.workspace.fs` from
// `extensionUri`, never through `fsPath`, so it works wherever the extension runs (desktop,
// remote, web). Files are read on each use: they are small, and a stale cache would be a
// bug nobody could see.
import * as vscode from 'vscode';

export interface Template {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** The template's file inside templates/. */
  readonly uri: vscode.Uri;
}

export interface Example {
  /** The file name without `.sysdesign.yaml` / `.sysdesign.yml`, e.g. `url-shortener`. */
  readonly id: string;
  readonly fileName: string;
  /** The design's `name:` (falls back to the file name). */
  readonly name: string;
  /** The example's line in examples/README.md, when it has one. */
  readonly description: string | undefined;
  readonly uri: vscode.Uri;
}

const DESIGN_FILE = /\.sysdesign\.ya?ml$/;
// A plain file name: the index must not point outside templates/.
const PLAIN_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class DesignCatalog {
  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The templates in the order of templates/index.json. */
  async templates(): Promise<Template[]> {
    const indexUri = vscode.Uri.joinPath(this.extensionUri, 'templates', 'index.json');
    const text = await readText(indexUri, 'templates/index.json');
    let entries: unknown;
    try {
      entries = JSON.parse(text);
    } catch (error) {
      throw new Error(`templates/index.json is not valid JSON (${messageOf(error)}); reinstall the extension`);
    }
    if (!Array.isArray(entries)) throw new Error('templates/index.json must be a list of templates; reinstall the extension');
    return entries.map((entry, index) => this.parseEntry(entry, index));
  }

  /** The template `id`, or an error that lists the ids there are. */
  async template(id: string): Promise<Template> {
    const templates = await this.templates();
    const found = templates.find((template) => template.id === id);
    if (!found) throw new Error(`there is no template "${id}"; the templates are ${list(templates.map((t) => t.id))}`);
    return found;
  }

  private parseEntry(entry: unknown, index: number): Template {
    const fields = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const field = (name: string): string => {
      const value = fields[name];
      if (typeof value !== 'string' || value.trim() === '') {
        throw new Error(`templates/index.json: entry ${index + 1} has no "${name}" text; reinstall the extension`);
      }
      return value;
    };
    const file = field('file');
    if (!PLAIN_FILE_NAME.test(file) || !DESIGN_FILE.test(file)) {
      throw new Error(`templates/index.json: entry ${index + 1} names "${file}", which is not a design file in templates/`);
    }
    return {
      id: field('id'),
      label: field('label'),
      description: field('description'),
      uri: vscode.Uri.joinPath(this.extensionUri, 'templates', file),
    };
  }

  /** The examples in the order of examples/README.md, then any others by file name. */
  async examples(): Promise<Example[]> {
    const folder = vscode.Uri.joinPath(this.extensionUri, 'examples');
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch (error) {
      throw new Error(`cannot list the extension's examples/ folder (${messageOf(error)}); reinstall the extension`);
    }
    const fileNames = entries
      .filter(([name, type]) => type === vscode.FileType.File && DESIGN_FILE.test(name))
      .map(([name]) => name)
      .sort();
    const descriptions = await this.exampleDescriptions();
    const order = [...descriptions.keys()];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    fileNames.sort((a, b) => rank(a) - rank(b));

    return Promise.all(
      fileNames.map(async (fileName) => {
        const uri = vscode.Uri.joinPath(folder, fileName);
        const name = designName(await readText(uri, `examples/${fileName}`));
        return { id: fileName.replace(DESIGN_FILE, ''), fileName, name: name ?? fileName, description: descriptions.get(fileName), uri };
      }),
    );
  }

  /** The example named `name` (`url-shortener` or `url-shortener.sysdesign.yaml`). */
  async example(name: string): Promise<Example> {
    const examples = await this.examples();
    const found = examples.find((example) => example.id === name || example.fileName === name);
    if (!found) throw new Error(`there is no example "${name}"; the examples are ${list(examples.map((e) => e.id))}`);
    return found;
  }

  /** File name -> its description, from the `- [file](file): description` lines of examples/README.md. */
  private async exampleDescriptions(): Promise<Map<string, string>> {
    const descriptions = new Map<string, string>();
    let text: string;
    try {
      text = await readText(vscode.Uri.joinPath(this.extensionUri, 'examples', 'README.md'), 'examples/README.md');
    } catch {
      return descriptions; // descriptions are a nicety; the examples work without them
    }
    for (const line of text.split(/\r?\n/)) {
      const match = /^[-*]\s+\[`?([^\]`]+?)`?\]\([^)]*\):\s*(.+)$/.exec(line.trim());
      // Plain text for the pick: no Markdown `*emphasis*` or code marks.
      if (match && DESIGN_FILE.test(match[1])) descriptions.set(match[1], match[2].replace(/[*`]+(?=\S)|(?<=\S)[*`]+/g, '').trim());
    }
    return descriptions;
  }
}

/** Reads a file of the extension as UTF-8 text, exactly as stored (no BOM or line-ending changes). */
export async function readText(uri: vscode.Uri, shownAs: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    throw new Error(`cannot read ${shownAs} from the extension (${messageOf(error)}); reinstall the extension`);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** The top-level `name:` of a design, without a trailing comment or quotes. */
function designName(text: string): string | undefined {
  const match = /^name:[ \t]*(.+?)[ \t]*(?:[ \t]#.*)?$/m.exec(text);
  const name = match?.[1].replace(/^(["'])(.*)\1$/, '$2').trim();
  return name || undefined;
}

function list(ids: readonly string[]): string {
  return ids.map((id) => `"${id}"`).join(', ');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
