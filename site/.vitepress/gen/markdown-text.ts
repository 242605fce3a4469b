// Generated pages carry text from source comments into Markdown that Vue then compiles, so
// prose must not open HTML tags or `{{ }}` interpolations by accident.

/** Escapes text for a Markdown paragraph that Vue compiles as a template. */
export function prose(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\{/g, "&#123;");
}

/** Escapes text for one table cell (also no pipes or line breaks). */
export function cell(text: string): string {
  return prose(text)
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ");
}

/** A fenced code block; VitePress renders fences with v-pre, so code is left as it is. */
export function fence(code: string, lang = "ts"): string {
  const ticks = code.includes("```") ? "````" : "```";
  return `${ticks}${lang}\n${code.trim()}\n${ticks}`;
}
