// A GitHub-like Markdown page for the exported design document: markdown-it (CommonMark
// plus GFM tables, raw HTML off as GitHub strips it) renders the text, and each ```mermaid
// block is drawn by Mermaid as GitHub does, in strict mode. The harness bundles this file
// and calls `window.renderDesignDocument(markdown)`.
import mermaid from 'mermaid';

// markdown-it ships no types; the one call used here.
const MarkdownIt = require('markdown-it') as new (options: object) => { render(markdown: string): string };

interface Rendered {
  diagrams: number;
  errors: string[];
}

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });

async function renderDesignDocument(markdown: string): Promise<Rendered> {
  const article = document.querySelector('article')!;
  article.innerHTML = new MarkdownIt({ html: false, linkify: true }).render(markdown);
  const errors: string[] = [];
  let diagrams = 0;
  const blocks = [...article.querySelectorAll('pre > code.language-mermaid')];
  for (const [i, code] of blocks.entries()) {
    try {
      const { svg } = await mermaid.render(`diagram${i}`, code.textContent ?? '');
      const figure = document.createElement('div');
      figure.className = 'mermaid-figure';
      figure.innerHTML = svg;
      code.parentElement!.replaceWith(figure);
      diagrams++;
    } catch (error) {
      errors.push(`diagram ${i}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { diagrams, errors };
}

(globalThis as unknown as { renderDesignDocument: typeof renderDesignDocument }).renderDesignDocument = renderDesignDocument;
