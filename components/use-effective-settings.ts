import { useEffect, useState } from 'preact/hooks';
import type { EffectiveSettings } from '../utils/effective-settings';
import { loadEffectiveSettings, watchEffectiveSettings } from '../utils/effective-settings-store';

/** The effective settings (user + managed + policy), kept current as either changes. */
export function useEffectiveSettings(): EffectiveSettings | undefined {
  const [eff, setEff] = useState<EffectiveSettings | undefined>();
  useEffect(() => {
    let live = true;
    void loadEffectiveSettings().then((e) => live && setEff(e));
    const stop = watchEffectiveSettings((e) => live && setEff(e));
    return () => {
      live = false;
      stop();
    };
  }, []);
  return eff;
}
