/** The business calendar is Asia/Shanghai wherever the browser happens to be. */
const SHANGHAI = 'Asia/Shanghai';

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SHANGHAI,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `HH:mm` in Shanghai time, e.g. for "locked until 14:30". */
export function formatShanghaiTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** `yyyy-MM-dd HH:mm` in Shanghai time, as the old platform shows timestamps. */
export function formatShanghaiDateTime(iso: string): string {
  return formatShanghaiTimestamp(iso).slice(0, 16);
}

/** `yyyy-MM-dd HH:mm:ss` in Shanghai time, where the second matters (the audit log). */
export function formatShanghaiTimestamp(iso: string): string {
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
