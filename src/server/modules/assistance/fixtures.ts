/**
 * Test support for the assistance module: an in-memory roster (the HelperDirectory port the
 * helpers module will implement) and item names, both changeable while a test runs.
 */
import type { AssistItems, DispatchHelper, HelperDirectory } from './ports.js';

export interface FakeHelper extends DispatchHelper {
  townCode: string;
  /** villages (or whole towns) covered */
  areas: string[];
  coordinator?: boolean;
  active?: boolean;
}

export class FakeHelpers implements HelperDirectory {
  constructor(public helpers: FakeHelper[] = []) {}

  add(h: FakeHelper): void {
    this.helpers.push(h);
  }

  private active() {
    return this.helpers.filter((h) => h.active !== false);
  }

  private static brief = (h: FakeHelper): DispatchHelper => ({ helperId: h.helperId, staffId: h.staffId, name: h.name });

  async coveringVillage(villageCode: string): Promise<DispatchHelper[]> {
    const town = villageCode.slice(0, 9);
    return this.active().filter((h) => !h.coordinator && (h.areas.includes(villageCode) || h.areas.includes(town))).map(FakeHelpers.brief);
  }

  async coordinatorsOf(townCode: string): Promise<DispatchHelper[]> {
    return this.active().filter((h) => h.coordinator && h.townCode === townCode).map(FakeHelpers.brief);
  }

  async helperOfStaff(staffId: string) {
    const h = this.active().find((x) => x.staffId === staffId);
    return h ? { helperId: h.helperId, name: h.name, townCode: h.townCode } : null;
  }
}

export const fakeItems = (names: Record<string, string>): AssistItems => ({ itemName: async (code) => names[code] ?? null });
