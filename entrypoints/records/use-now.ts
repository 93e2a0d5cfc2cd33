import { useEffect, useState } from 'preact/hooks';
import { nowFrom } from '../../utils/settings';
import type { EffectiveSettings } from '../../utils/effective-settings';

/** Now (or the test clock), refreshed every minute so request clocks move on their own. */
export function useNow(eff: EffectiveSettings | undefined): Date {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(t);
  }, []);
  void tick;
  return eff ? nowFrom(eff.settings) : new Date();
}
