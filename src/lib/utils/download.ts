/** Saves text as a file through the browser's download, with a UTF-8 byte order mark for CSV so spreadsheets read Vietnamese correctly. */
export function downloadText(fileName: string, text: string, type: 'text/csv' | 'application/json'): void {
  const body = type === 'text/csv' ? `\uFEFF${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
