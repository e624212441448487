const DAY_MS = 86_400_000;
// 1900 system: serial 1 is 1900-01-01, and Excel counts a 1900-02-29 (serial 60) that never was.
const EPOCH_1900_MS = Date.UTC(1899, 11, 31);
// 1904 system (old Mac workbooks, `date1904`): serial 0 is 1904-01-01, no phantom day.
const EPOCH_1904_MS = Date.UTC(1904, 0, 1);
// 9999-12-31, the last date Excel shows.
const LAST_SERIAL_1900 = 2_958_465;

/**
 * The ISO form of an Excel serial date: `yyyy-mm-dd` for a whole day,
 * `yyyy-mm-ddThh:mm:ss` with a time of day, `hh:mm:ss` for a time alone (day 0).
 * Serial 60 of the 1900 system is written `1900-02-29`, as Excel shows it
 * (no real date: date checks downstream refuse it).
 *
 * @param serial - the cell's number
 * @param date1904 - whether the workbook uses the 1904 date system
 * @returns the ISO text, or undefined for a number no date can show (negative, past 9999)
 */
export function excelSerialToIso(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0) return undefined;
  let whole = Math.floor(serial);
  let seconds = Math.round((serial - whole) * 86_400);
  if (seconds === 86_400) {
    whole += 1;
    seconds = 0;
  }
  if (whole > (date1904 ? LAST_SERIAL_1900 - 1462 : LAST_SERIAL_1900)) return undefined;
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  if (whole === 0 && !date1904) return time;
  let day: string;
  if (!date1904 && whole === 60) day = '1900-02-29';
  else {
    const days = date1904 ? whole : whole > 60 ? whole - 1 : whole;
    const date = new Date((date1904 ? EPOCH_1904_MS : EPOCH_1900_MS) + days * DAY_MS);
    day = `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  }
  return seconds === 0 ? day : `${day}T${time}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
