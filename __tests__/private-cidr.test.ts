import { cidrContains, cidrsOverlap, parseCidr, parseIpv4 } from "../lib/private/cidr";

describe("IPv4 and CIDR parsing", () => {
  test("parses addresses and rejects malformed ones", () => {
    expect(parseIpv4("10.0.0.10")).toBe(0x0a00000a);
    expect(parseIpv4("255.255.255.255")).toBe(0xffffffff);
    for (const bad of ["10.0.0", "10.0.0.256", "10.0.0.010", "a.b.c.d", " 10.0.0.1"]) expect(parseIpv4(bad)).toBeUndefined();
  });

  test("parses networks, refusing host bits", () => {
    expect(parseCidr("10.2.0.0/24")).toEqual({ network: 0x0a020000, prefix: 24, size: 256 });
    expect(parseCidr("0.0.0.0/0")).toEqual({ network: 0, prefix: 0, size: 2 ** 32 });
    expect(parseCidr("10.2.0.1/24")).toBeUndefined();
    expect(parseCidr("10.2.0.0/33")).toBeUndefined();
    expect(parseCidr("10.2.0.0")).toBeUndefined();
  });

  test("containment and overlap", () => {
    const services = parseCidr("10.2.0.0/24")!;
    expect(cidrContains(services, parseIpv4("10.2.0.10")!)).toBe(true);
    expect(cidrContains(services, parseIpv4("10.2.1.0")!)).toBe(false);
    expect(cidrsOverlap(services, parseCidr("10.2.0.128/25")!)).toBe(true);
    expect(cidrsOverlap(services, parseCidr("10.1.0.0/16")!)).toBe(false);
  });
});
