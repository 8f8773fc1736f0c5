/**
 * Whether an RPM package argument names a version: `httpd-2.4.57`, `nginx-1:1.24.0-1.el9`, a `.rpm` file, or
 * a variable. A dash alone is not enough (`python3-pip` has none): some part after a dash must start with a
 * digit and every part must look like a version, the check Hadolint's DL3041 makes.
 */
export function isPinnedRpm(name: string): boolean {
  if (name.endsWith('.rpm') || name.startsWith('$') || name.includes('/')) return true;
  const parts = name.split('-').slice(1);
  return parts.some((part) => /^\d/.test(part)) && parts.every((part) => /^[\w.~^:+]+$/.test(part));
}

/** `yum module install nodejs:18` and `dnf module install nodejs:18/common` pin with a stream. */
export function isPinnedModule(name: string): boolean {
  return name.includes(':') || name.startsWith('$');
}
