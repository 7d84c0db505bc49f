// Which link of a navigation is the current page: the most specific one whose path the URL is at or under
// ("/access/inbox" is Requests, not also My access; "/" only matches itself).
export function activeHref(items: readonly { href: string }[], pathname: string): string | undefined {
  const matches = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return items.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
}
