import net from 'node:net';

/**
 * What rate limits and lockouts count a client by: an IPv4 address as it is, an IPv6 address by its /64
 * network. A subscriber commonly gets a whole /64, so counting single IPv6 addresses would let one
 * client rotate through more addresses than any limit could hold.
 */
export function clientKey(ip: string): string {
  const address = ip.split('%')[0]; // drop a zone id (fe80::1%eth0)
  if (!net.isIPv6(address)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
  // An embedded IPv4 address (64:ff9b::1.2.3.4) fills the last two groups, which the key drops anyway.
  const groups = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const [head, tail] = address.split('::');
  const left = groups(head);
  const right = groups(tail);
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16).toString(16));
}
