/** An engine error as a sentence for the widget frame. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
