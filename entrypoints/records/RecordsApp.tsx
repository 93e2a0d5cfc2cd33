import { useEffect, useRef, useState } from 'preact/hooks';
import { useEffectiveSettings } from '../../components/use-effective-settings';
import { ChainStatus, checkWholeChain, type ChainCheck } from './AuditTrail';
import { BackupView } from './BackupView';
import { ImportView } from './ImportView';
import { RecordsView } from './RecordsView';
import { RequestsView } from './RequestsView';
import { useNow } from './use-now';
import { useSearchIndex } from './use-search-index';

const VIEWS = [
  ['records', 'Records'],
  ['requests', 'FOI and subject access'],
  ['import', 'Import a chat export'],
  ['backup', 'Backup and storage'],
] as const;
type View = (typeof VIEWS)[number][0];

function initialView(): View {
  const h = location.hash.slice(1);
  return VIEWS.some(([v]) => v === h) ? (h as View) : 'records';
}

/** The records library: every record, requests, imports, backup. */
export function RecordsApp() {
  const [view, setView] = useState<View>(initialView);
  const search = useSearchIndex();
  const eff = useEffectiveSettings();
  const now = useNow(eff);
  const [check, setCheck] = useState<ChainCheck | undefined>();
  const checkRef = useRef<ChainCheck | undefined>(undefined);
  checkRef.current = check;

  // The whole chain is verified once the index is open and again after every change.
  useEffect(() => {
    if (!search.state) return;
    const t = setTimeout(() => void checkWholeChain(checkRef.current).then(setCheck), 200);
    return () => clearTimeout(t);
  }, [search.state, search.version]);

  const go = (v: View) => {
    setView(v);
    history.replaceState(null, '', `#${v}`);
  };

  return (
    <div class="records-page">
      <header class="records-header">
        <h1>Council records</h1>
        <nav aria-label="Records library">
          <ul class="page-nav">
            {VIEWS.map(([v, label]) => (
              <li key={v}>
                <button
                  type="button"
                  aria-current={view === v ? 'page' : undefined}
                  onClick={() => go(v)}
                >
                  {label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        {view === 'records' && (
          <>
            <ChainStatus check={check} />
            <RecordsView search={search} check={check} />
          </>
        )}
        {view === 'requests' && <RequestsView search={search} eff={eff} now={now} />}
        {view === 'import' && <ImportView eff={eff} />}
        {view === 'backup' && <BackupView onRestored={search.reload} />}
      </main>
    </div>
  );
}
