import { useId, useState } from 'react';
import type { GuideMaterial, GuideSituation } from '../../api/catalog.js';
import { materialApplies, situationMaterials } from '../../../shared/case-rules.js';
import '../../components/fields.css';
import '../../components/tags.css';
import './Materials.css';

/**
 * What the page knows of 电子证照 that can stand in for a licence-linked material: whether a licence
 * source is connected at all (/api/v1/site `licencesConnected`), and which materials the signed-in
 * citizen's own licences cover (GET /cases/licence-matches; null when that cannot be asked: signed
 * out, staff, no place chosen).
 */
export interface LicenceStatus {
  connected: boolean;
  held: ReadonlySet<string> | null;
  /** shown under a licence-linked material while `held` is null (可使用电子证照（登录后查看您是否已有）) */
  unknownNote: string;
}

const NO_LICENCES: LicenceStatus = { connected: false, held: null, unknownNote: '' };

/**
 * 申请材料 with 情形引导: the situation questions (radio groups) decide which conditional
 * materials apply; materials that always apply show from the start. `brief` (长辈版): each
 * material is its name and what to bring (原件, 份数); the source, notes and forms to download open
 * under 详细要求 (and are printed).
 */
export function Materials({ materials, situations, licences = NO_LICENCES, brief = false }: { materials: GuideMaterial[]; situations: GuideSituation[]; licences?: LicenceStatus; brief?: boolean }) {
  const id = useId();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const { selected } = situationMaterials(situations, answers);
  const shown = materials.filter((m) => materialApplies(m, selected));
  const conditionalTotal = materials.filter((m) => m.conditional).length;
  const answered = situations.filter((s) => answers[s.id]).length;
  const unanswered = situations.length - answered;

  let summary = `需要准备 ${shown.length} 项材料`;
  if (situations.length > 0) {
    summary = answered === 0 ? `目前列出 ${shown.length} 项人人都要准备的材料` : `根据您的回答，需要准备 ${shown.length} 项材料`;
    if (unanswered > 0 && conditionalTotal > 0) summary += `；还有 ${unanswered} 个问题未回答，回答后可能增加材料`;
  }

  return (
    <>
      {situations.length > 0 && (
        <div className="situations">
          <h3 id={`${id}-situations`}>情形引导</h3>
          <p className="muted">请根据自己的情况回答下面的问题，材料清单会自动列出您需要准备的材料。</p>
          {situations.map((s, i) => (
            <fieldset key={s.id} className="radio-group radio-group--stacked situation">
              <legend>
                {i + 1}. {s.question}
              </legend>
              {s.options.map((o) => (
                <label key={o.id} className="radio">
                  <input
                    type="radio"
                    name={`${id}-${s.id}`}
                    value={o.id}
                    checked={answers[s.id] === o.id}
                    onChange={() => setAnswers((a) => ({ ...a, [s.id]: o.id }))}
                  />
                  <span>{o.label}</span>
                </label>
              ))}
            </fieldset>
          ))}
          {answered > 0 && (
            <button type="button" className="bm-btn bm-btn--secondary no-print" onClick={() => setAnswers({})}>
              重新回答
            </button>
          )}
        </div>
      )}

      <h3 id={`${id}-list`}>材料清单</h3>
      <p role="status" aria-live="polite" className="materials__summary">
        {summary}。
      </p>
      {shown.length === 0 ? (
        <p>这个事项不需要提交材料。</p>
      ) : (
        <ol className="material-list" aria-labelledby={`${id}-list`}>
          {shown.map((m, i) => (
            <MaterialCard key={m.id} m={m} n={i + 1} licences={licences} brief={brief} />
          ))}
        </ol>
      )}
    </>
  );
}

function MaterialCard({ m, n, licences, brief }: { m: GuideMaterial; n: number; licences: LicenceStatus; brief: boolean }) {
  const facts: [string, string][] = [];
  facts.push(['来源', m.sourceNote ? `${m.source}（${m.sourceNote}）` : m.source]);
  if (m.spec) facts.push(['规格', m.spec]);
  if (m.notes) facts.push(['填报须知', m.notes]);
  if (m.acceptanceCriteria) facts.push(['受理标准', m.acceptanceCriteria]);
  if (m.basis) facts.push(['依据', m.basis]);
  return (
    <li className="card material">
      <h4 className="material__name">
        <span className="material__num">{n}.</span>
        {m.name}
      </h4>
      <ul className="tags" aria-label="材料要求">
        <li className={`tag${m.necessityCode === 'required' ? ' tag--strong' : ''}`}>{m.necessity}</li>
        <li className="tag">{m.kind}</li>
        <li className="tag">{m.form}</li>
        {m.copies > 0 && <li className="tag">{m.copies} 份</li>}
        {m.conditional && <li className="tag">根据您的情况需要</li>}
      </ul>
      {m.necessityCode === 'deferrable' && <p className="material__note">容缺：暂时缺少这份材料也可以先受理，之后在约定时间内补交。</p>}
      {/* 可免提交 only when it is true: this person holds the licence (from a library, or issued by the platform). */}
      {m.licenceType && licences.held?.has(m.id) && (
        <p className="material__licence">
          <span aria-hidden="true">✓ </span>已关联电子证照（{m.licenceType}），您已有此证照，可免提交
        </p>
      )}
      {m.licenceType && licences.connected && licences.held === null && licences.unknownNote && (
        <p className="material__licence-hint">{licences.unknownNote}</p>
      )}
      {brief ? (
        <>
          <details className="material__more no-print">
            <summary>详细要求</summary>
            <MaterialFacts facts={facts} />
            <MaterialDownloads m={m} />
          </details>
          <div className="print-only">
            <MaterialFacts facts={facts} />
          </div>
        </>
      ) : (
        <>
          <MaterialFacts facts={facts} />
          <MaterialDownloads m={m} />
        </>
      )}
    </li>
  );
}

function MaterialFacts({ facts }: { facts: [string, string][] }) {
  return (
    <dl className="material__facts">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function MaterialDownloads({ m }: { m: GuideMaterial }) {
  if (!m.blankFormUrl && !m.sampleUrl) return null;
  return (
    <p className="material__downloads no-print">
      {m.blankFormUrl && (
        <a href={m.blankFormUrl} download className="bm-btn bm-btn--secondary" aria-label={`下载空白表格：${m.name}`}>
          下载空白表格
        </a>
      )}
      {m.sampleUrl && (
        <a href={m.sampleUrl} download className="bm-btn bm-btn--secondary" aria-label={`下载示例样表：${m.name}`}>
          下载示例样表
        </a>
      )}
    </p>
  );
}
