// Lab pages include each lab's README as it stands in `labs/`. Its relative links point at
// files beside it (hints.md, the stub), which are not site pages, so on lab pages they are
// pointed at the sections the page adds instead of failing the dead-link check.
import type { MarkdownRenderer } from "vitepress";

/** Rewrites relative links in pages under `labs/`: hints.md → #hints, other files → #files. */
export function rewriteLabLinks(md: MarkdownRenderer): void {
  const original = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const page = (env as { relativePath?: string }).relativePath ?? "";
    const href = token?.attrGet("href");
    if (token && href && page.startsWith("labs/") && isRepoRelative(href)) {
      token.attrSet("href", /(^|\/)hints\.md(#.*)?$/.test(href) ? "#hints" : "#files");
    }
    return original ? original(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}

function isRepoRelative(href: string): boolean {
  return !/^([a-z]+:|\/|#)/i.test(href);
}
