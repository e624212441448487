/**
 * Thrown by commands to end with exit code 1 after printing their result.
 * Its own file so commands need not import `program.ts`, which imports them.
 */
export class CheckFailed extends Error {}
