/**
 * A Date whose "local" fields are its UTC fields. date-fns does calendar
 * arithmetic through a Date's local getters and setters; feeding it wall-clock
 * time encoded as UTC makes that arithmetic independent of the process's time
 * zone (and of its daylight-saving gaps). Internal.
 */
export class WallDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getDay(): number {
    return this.getUTCDay();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
  override getMilliseconds(): number {
    return this.getUTCMilliseconds();
  }
  override getTimezoneOffset(): number {
    return 0;
  }
  override setFullYear(year: number, month?: number, date?: number): number {
    if (date !== undefined) return this.setUTCFullYear(year, month ?? this.getUTCMonth(), date);
    if (month !== undefined) return this.setUTCFullYear(year, month);
    return this.setUTCFullYear(year);
  }
  override setMonth(month: number, date?: number): number {
    return date === undefined ? this.setUTCMonth(month) : this.setUTCMonth(month, date);
  }
  override setDate(date: number): number {
    return this.setUTCDate(date);
  }
  override setHours(hours: number, min?: number, sec?: number, ms?: number): number {
    return this.setUTCHours(
      hours,
      min ?? this.getUTCMinutes(),
      sec ?? this.getUTCSeconds(),
      ms ?? this.getUTCMilliseconds(),
    );
  }
  override setMinutes(min: number, sec?: number, ms?: number): number {
    return this.setUTCMinutes(min, sec ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds());
  }
  override setSeconds(sec: number, ms?: number): number {
    return this.setUTCSeconds(sec, ms ?? this.getUTCMilliseconds());
  }
  override setMilliseconds(ms: number): number {
    return this.setUTCMilliseconds(ms);
  }
}
