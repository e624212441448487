export function libraryEntries(root?: string): Record<string, string>;
export function exportsMap(root?: string): Record<string, unknown>;
