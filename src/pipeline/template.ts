/** `{name}` placeholders in admin-written message templates; unknown names are left as written. */
export function renderTemplate(template: string, vars: Record<string, string | undefined>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_.]*)\}/g, (whole, name: string) => vars[name] ?? whole);
}
