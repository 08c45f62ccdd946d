/** HH:mm in Shanghai time, for messages such as "locked until 14:35". */
export function formatShanghaiTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}
