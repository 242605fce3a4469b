import { publish } from "./display.js";

/**
 * Predict, then run: a notebook asks for a guess in one cell and reveals the simulated value
 * beside it in the next, so the learner sees how far their intuition was.
 */

function format(value: number, digits: number): string {
  // toFixed, not toLocaleString: the text must not depend on the machine's locale data.
  return value.toFixed(digits);
}

/**
 * The reveal line as Markdown: the learner's guess (or a nudge to make one) and the value.
 *
 * @example
 * guessText("mean response", 20, 54.28, "ms") // '**mean response**: you guessed 20 ms; the simulation says **54.3 ms** (2.7× your guess).'
 */
export function guessText(question: string, guess: number | null, actual: number, unit = "", digits = 1): string {
  const withUnit = (value: string) => (unit === "" ? value : unit === "%" ? `${value}%` : `${value} ${unit}`);
  const said = `the simulation says **${withUnit(format(actual, digits))}**`;
  if (guess === null || !Number.isFinite(guess)) {
    return `**${question}**: ${said}. (No guess yet: set one in the cell above and run both again.)`;
  }
  const ratio = guess === 0 ? "" : ` (${format(actual / guess, 1)}× your guess)`;
  return `**${question}**: you guessed ${withUnit(String(guess))}; ${said}${ratio}.`;
}

/**
 * Shows the reveal of a prediction as one Markdown output.
 *
 * @example
 * showGuess("p99", null, 41.5, "ms") // undefined (a line of text in a notebook)
 */
export function showGuess(question: string, guess: number | null, actual: number, unit = "", digits = 1): void {
  const markdown = guessText(question, guess, actual, unit, digits);
  publish({ "text/markdown": markdown, "text/plain": markdown.replace(/\*\*/g, "") });
}
