// LIKE patterns from user text: "%" and "_" (and the escape character) are matched literally.
// Prisma's `contains` passes wildcards through, so every substring filter on user input goes through this.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
