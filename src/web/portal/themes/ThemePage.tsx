import { useId, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { REGION_CODE } from '../../api/catalog.js';
import { useSite } from '../../api/session.js';
import { themeHref, useTheme, type ThemeDetail, type ThemeDetailItem, type ThemeMaterial } from '../../api/themes.js';
import { useElderMode } from '../../a11y/prefs.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { DescRow } from '../../components/DescRow.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { applicableItems } from '../../../shared/theme-rules.js';
import type { FormField } from '../../../shared/forms.js';
import { RadioQuestion } from '../../components/RadioQuestion.js';
import { AskByPhone } from '../catalog/format.js';
import { PlacePicker } from '../catalog/PlacePicker.js';
import { placeLabel, usePlace, usePlaceOf, type Place } from '../catalog/place.js';
import { daysText, itemDaysText, themesHref } from './format.js';
import { isNotOfferedHere, NotOfferedHere, OfferedInNotice } from './parts.js';
import '../../components/fields.css';
import '../../components/link-row.css';
import '../../components/notice.css';
import '../../components/tags.css';
import './themes.css';

/**
 * The place a theme's items are shown for: a town. The API takes one place for all the items, and
 * a village's code would find no town item (the demo themes' items are all 镇街事项), so a village
 * in the address or remembered stands for its town.
 */
const townOf = (code: string | undefined) => (code && code.length >= 9 ? code.slice(0, 9) : undefined);

/** 一件事的办事指引: /themes/{code}?region={town} — what the theme bundles, and what to prepare. */
export default function ThemePage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const [remembered] = usePlace();
  const raw = params.get('region');
  // The address wins; without a place in it, the place this browser remembers.
  const region = params.has('region') ? (raw && REGION_CODE.test(raw) ? townOf(raw) : undefined) : townOf(remembered?.code);
  const theme = useTheme(code, region);

  if (theme.isPending) return <PageLoading label="正在加载一件事…" />;
  if (theme.isError) {
    if (region && isNotOfferedHere(theme.error)) return <NotOfferedHere code={code} error={theme.error} />;
    if (region && isPlaceProblem(theme.error)) return <PlaceProblem code={code} />;
    return <ThemeNotFound error={theme.error} />;
  }
  return <ThemeView theme={theme.data} region={region} busy={theme.isPlaceholderData} />;
}

const isPlaceProblem = (err: unknown) => err instanceof ApiError && (err.code === 'REGION_NOT_FOUND' || err.fieldProblems.some((p) => p.field.includes('region')));

function ThemeNotFound({ error }: { error: unknown }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <>
      <Breadcrumbs className="hide-narrow" items={[{ label: '首页', to: '/' }, { label: '一件事', to: '/themes' }, { label: notFound ? '未找到' : '加载失败' }]} />
      <PageHeading>{notFound ? '未找到该主题' : '一件事加载失败'}</PageHeading>
      <p role="alert">{notFound ? '没有找到这件“一件事”，它可能已调整或停用，链接也可能不完整。' : `${errorMessage(error)}。请检查网络后刷新页面重试。`}</p>
      <ul className="link-row">
        <li>
          <Link to="/themes">查看全部一件事</Link>
        </li>
        <li>
          <Link to="/items">搜索单个事项</Link>
        </li>
      </ul>
      <AskByPhone />
    </>
  );
}

/** The place in the address is not one the API knows: say so and offer the general guide. */
function PlaceProblem({ code }: { code: string }) {
  return (
    <>
      <Breadcrumbs className="hide-narrow" items={[{ label: '首页', to: '/' }, { label: '一件事', to: '/themes' }, { label: '办理地点有误' }]} />
      <PageHeading>链接中的办理地点不正确</PageHeading>
      <p role="alert">没有找到链接中的镇（街道），无法显示当地的办理信息。</p>
      <ul className="link-row">
        <li>
          <Link to={`${themeHref(code)}?region=`}>查看不含当地信息的通用指引</Link>
        </li>
        <li>
          <Link to="/themes">查看全部一件事</Link>
        </li>
      </ul>
      <AskByPhone />
    </>
  );
}

type Applicability = 'always' | 'applies' | 'undecided' | 'not';

function ThemeView({ theme, region, busy }: { theme: ThemeDetail; region: string | undefined; busy: boolean }) {
  const elder = useElderMode();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const { applies, undecided } = applicableItems(
    { items: theme.items.map((i) => ({ itemCode: i.code, when: i.when && { question: i.when.question, anyOf: i.when.anyOf } })) },
    answers,
  );
  const applicability = (item: ThemeDetailItem): Applicability =>
    !item.when ? 'always' : applies.includes(item.code) ? 'applies' : undecided.includes(item.code) ? 'undecided' : 'not';
  const nameOf = new Map(theme.items.map((i) => [i.code, i.name]));
  /** the answers say this item need not be applied for */
  const leftOut = (code: string) => theme.items.some((i) => i.code === code && applicability(i) === 'not');

  const materials = <MaterialsSection theme={theme} notNeeded={(m) => m.usedBy.every((u) => leftOut(u.itemCode))} />;
  const sections: [string, string][] = [
    ['theme-questions', '先回答几个问题'],
    ['theme-items', '包含的事项'],
    ['theme-once', '一次提交'],
    ['theme-form', '要填写的信息'],
    ['theme-materials', '要准备的材料'],
  ];

  return (
    <article className="theme-guide" aria-busy={busy || undefined}>
      <Breadcrumbs
        className="hide-narrow"
        items={[{ label: '首页', to: '/' }, { label: '一件事', to: '/themes' }, { label: theme.categoryLabel, to: themesHref(theme.subject, theme.category) }, { label: theme.name }]}
      />
      <PageHeading title={`${theme.name}办事指引`}>{theme.name}</PageHeading>
      <ul className="tags" aria-label="分类">
        <li className="tag tag--level">
          {theme.subjectLabel}·{theme.categoryLabel}
        </li>
      </ul>
      <p className="lead">{theme.summary}</p>
      <OfferedInNotice offeredIn={theme.offeredIn} />
      <dl className="theme-facts theme-heading-facts">
        <DescRow term="牵头部门">{theme.leadBody}</DescRow>
        <DescRow term="承诺时限">
          <strong>{daysText(theme.promisedDays)}</strong>
        </DescRow>
        <DescRow term="包含事项">{theme.items.length} 个</DescRow>
      </dl>
      <ApplyCall theme={theme} region={region} />

      {!elder && (
        <nav aria-label="本页目录" className="card theme-toc no-print">
          <h2 className="theme-toc__title">本页目录</h2>
          <ol>
            {sections.filter(([id]) => id !== 'theme-questions' || theme.questions.length > 0).map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}

      <PlaceSection theme={theme} region={region} />
      {theme.questions.length > 0 && <QuestionsSection theme={theme} answers={answers} onChange={setAnswers} applies={applies.length} undecided={undecided.length} />}
      <ItemsSection theme={theme} applicability={applicability} answered={Object.keys(answers).length > 0} />
      <OnceSection theme={theme} />
      {elder ? (
        <>
          {materials}
          <ElderMore label="要填写的信息">
            <FormSection theme={theme} nameOf={nameOf} leftOut={leftOut} />
          </ElderMore>
        </>
      ) : (
        <>
          <FormSection theme={theme} nameOf={nameOf} leftOut={leftOut} />
          {materials}
        </>
      )}
    </article>
  );
}

/** 在线申请: the whole theme in one go, when any of its items takes online applications. */
function ApplyCall({ theme, region }: { theme: ThemeDetail; region: string | undefined }) {
  const online = theme.items.filter((i) => i.onlineApplication);
  if (online.length === 0) {
    return (
      <div className="notice notice--info">
        <p>本主题的事项都须到窗口办理，请按下方各事项的办事指南准备材料，或拨打咨询电话。</p>
      </div>
    );
  }
  const href = `${themeHref(theme.code)}/apply${region ? `?region=${region}` : ''}`;
  return (
    <div className="card theme-apply-call no-print">
      <p>
        <Link to={href} className="bm-btn bm-btn--primary">
          在线申请
        </Link>
      </p>
      <p>登录后一次填写、一次提交材料，各事项同时交给各自的办理部门{online.length < theme.items.length ? '；须本人到窗口办理的事项会告诉您去哪里办' : ''}。</p>
    </div>
  );
}

/**
 * 长辈版 puts what to bring first and the long list of what the form asks behind one button (as
 * the elder guide does with its details); paper always gets it.
 */
function ElderMore({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <p className="theme-more__toggle no-print">
        <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={open} aria-controls="theme-more" onClick={() => setOpen((o) => !o)}>
          {open ? `收起${label}` : `查看${label}`}
        </button>
      </p>
      <div id="theme-more" className="theme-more" hidden={!open}>
        {children}
      </div>
    </>
  );
}

function Section({ id, title, children, className = '' }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section id={id} className={`card theme-section ${className}`.trim()} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** 办理地点: a town shows each item as it offers it (实施主体, or why it does not). */
function PlaceSection({ theme, region }: { theme: ThemeDetail; region: string | undefined }) {
  const navigate = useNavigate();
  const [remembered, remember] = usePlace();
  const { place, isPending } = usePlaceOf(region);
  const where = place ? placeLabel(place) : '所选地点';
  const unavailable = theme.items.filter((i) => !i.available);
  const choose = (p: Place | null) => {
    // Choosing the town of a remembered village keeps the village for the item guides and search.
    if (!(p && remembered && remembered.townCode === p.code)) remember(p);
    navigate(themeHref(theme.code, p?.code));
  };
  return (
    <Section id="theme-place" title="办理地点">
      {region ? (
        <p>
          下面的事项按 <strong>{isPending ? '所选镇（街道）' : where}</strong> 显示实施主体和是否办理。
        </p>
      ) : (
        <p>还没有选择办理地点。选择所在的镇（街道）后，可以看到当地由谁办理、是否办理每个事项。</p>
      )}
      {unavailable.length > 0 && (
        <div className="notice notice--warn">
          <p>
            <strong>
              {where}暂不能办理其中 {unavailable.length} 个事项
            </strong>
            ，原因见下方各事项。可以选择其他镇（街道），或拨打咨询电话。
          </p>
        </div>
      )}
      <div className="no-print">
        <PlacePicker
          value={place}
          onConfirm={choose}
          require="town"
          currentLabel="办理地点"
          emptyText={isPending ? '正在读取…' : '未选择（显示通用信息）'}
          openLabel={region ? '更换办理地点' : '选择办理地点'}
        />
      </div>
    </Section>
  );
}

function QuestionsSection({
  theme,
  answers,
  onChange,
  applies,
  undecided,
}: {
  theme: ThemeDetail;
  answers: Record<string, string>;
  onChange: (a: Record<string, string>) => void;
  applies: number;
  undecided: number;
}) {
  const id = useId();
  const answered = Object.keys(answers).length;
  let summary = `根据您的回答，需要办理 ${applies} 个事项`;
  if (answered === 0) summary = `有 ${undecided} 个事项要看您的情况，回答上面的问题后，下方的事项会标出要不要办`;
  else if (undecided > 0) summary += `；还有 ${undecided} 个事项要看其他问题的回答`;
  return (
    <Section id="theme-questions" title="先回答几个问题" className="situation">
      <p className="muted">根据您的情况回答，下方会标出需要办理和不需要办理的事项。</p>
      {theme.questions.map((q, n) => (
        <RadioQuestion
          key={q.key}
          legend={`${n + 1}. ${q.text}`}
          help={q.help}
          name={`${id}-${q.key}`}
          options={q.options}
          value={answers[q.key]}
          onPick={(v) => onChange({ ...answers, [q.key]: v })}
        />
      ))}
      <p role="status" aria-live="polite" className="theme-summary">
        {summary}。
      </p>
      {answered > 0 && (
        <p className="no-print">
          <button type="button" className="bm-btn bm-btn--secondary" onClick={() => onChange({})}>
            重新回答
          </button>
        </p>
      )}
    </Section>
  );
}

const APPLICABILITY: Record<Applicability, { label: string; className: string }> = {
  always: { label: '都要办', className: 'tag tag--good' },
  applies: { label: '根据您的回答，需要办', className: 'tag tag--good' },
  undecided: { label: '要看您的情况', className: 'tag' },
  not: { label: '根据您的回答，不用办', className: 'tag tag--muted' },
};

/** “孩子是否在本市落户”选“是”或“不确定”时办理 */
const conditionText = (when: NonNullable<ThemeDetailItem['when']>) => `“${when.questionText}”选“${when.answers.join('”或“')}”时办理`;

function ItemsSection({ theme, applicability, answered }: { theme: ThemeDetail; applicability: (i: ThemeDetailItem) => Applicability; answered: boolean }) {
  return (
    <Section id="theme-items" title="包含的事项">
      <ol className="theme-items">
        {theme.items.map((item) => {
          const state = applicability(item);
          // Before any answer, an item that always applies needs no mark of its own.
          const tag = state === 'always' && (!answered || theme.questions.length === 0) ? null : APPLICABILITY[state];
          return (
            <li key={item.code} className={`theme-item${state === 'not' ? ' theme-item--not' : ''}`}>
              <h3 className="theme-item__name">
                <Link to={item.guidePath}>
                  {item.name}
                  <span className="visually-hidden">（办事指南）</span>
                </Link>
              </h3>
              {item.note && <p className="theme-item__note">{item.note}</p>}
              {(tag || item.when) && (
                <ul className="tags" aria-label="是否需要办理">
                  {tag && <li className={tag.className}>{tag.label}</li>}
                  {item.when && <li className="tag tag--plain">{conditionText(item.when)}</li>}
                </ul>
              )}
              {!item.available && (
                <p className="notice notice--warn theme-item__unavailable">
                  <strong>当地暂不能办理：</strong>
                  {item.unavailableReason ?? '所选地点不办理这个事项'}
                </p>
              )}
              <dl className="theme-facts">
                {item.implementingBody && <DescRow term="实施主体">{item.implementingBody}</DescRow>}
                {item.department && <DescRow term="主管部门">{item.department}</DescRow>}
                <DescRow term="承诺时限">{itemDaysText(item.promisedDays)}</DescRow>
              </dl>
            </li>
          );
        })}
      </ol>
      <p className="muted">点事项名称查看它的办事指南：办理条件、流程、地点和电话。</p>
    </Section>
  );
}

/** What bundling saves: the fields and materials asked once instead of item by item. */
function OnceSection({ theme }: { theme: ThemeDetail }) {
  const c = theme.counts;
  const n = theme.items.length;
  const sentence =
    c.itemFields > 0
      ? `${n} 个事项分别办理，共需填写 ${c.itemFields} 项信息、提交 ${c.itemMaterials} 份材料；合成一件事办理，只需填写 ${c.askedFields} 项、提交 ${c.askedMaterials} 份。`
      : `${n} 个事项分别办理，共需提交 ${c.itemMaterials} 份材料；合成一件事办理，只需提交 ${c.askedMaterials} 份。`;
  return (
    <Section id="theme-once" title="一次提交">
      <p className="theme-summary">{sentence}</p>
      <ul className="theme-once">
        {c.askedFields < c.itemFields && <li>几个事项都要填的信息只填一次，自动用到每个需要它的事项中。</li>}
        {c.askedMaterials < c.itemMaterials && <li>几个事项都要的材料只交一份，不用重复准备。</li>}
        <li>
          由<strong>{theme.leadBody}</strong>牵头负责，整件事的承诺时限为 {daysText(theme.promisedDays)}。
        </li>
      </ul>
    </Section>
  );
}

const requiredText = (f: FormField) => (f.required ? '必填' : '选填');

function FieldList({ fields, usedBy }: { fields: readonly (FormField & { usedBy?: string[] })[]; usedBy?: (codes: string[]) => string }) {
  return (
    <ul className="theme-fields">
      {fields.map((f) => (
        <li key={f.key}>
          <span className="theme-fields__label">{f.label}</span>
          <span className="theme-fields__meta">
            （{requiredText(f)}
            {f.showIf ? '，视前面的回答填写' : ''}）
          </span>
          {(f.type === 'choice' || f.type === 'multi_choice') && f.options.length > 0 && (
            <span className="theme-fields__options">{`${f.type === 'choice' ? '选一项' : '可多选'}：${f.options.map((o) => o.label).join('、')}`}</span>
          )}
          {f.help && <span className="theme-fields__help">{f.help}</span>}
          {usedBy && f.usedBy && <span className="theme-fields__used">用于：{usedBy(f.usedBy)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** 合并表单, read only: the shared fields once, then what each item asks on its own. */
function FormSection({ theme, nameOf, leftOut }: { theme: ThemeDetail; nameOf: Map<string, string>; leftOut: (code: string) => boolean }) {
  const own = theme.itemFields.filter((i) => i.fields.length > 0);
  const names = (codes: string[]) => codes.map((c) => nameOf.get(c) ?? c).join('、');
  return (
    <Section id="theme-form" title="要填写的信息">
      {theme.sharedFields.length === 0 && own.length === 0 ? (
        <p>这些事项的申请表目前没有需要另外填写的内容。</p>
      ) : (
        <>
          <p className="muted">下面是申请时要填写的内容，现在只供查看。</p>
          {theme.sharedFields.length > 0 && (
            <>
              <h3>共用信息（只填一次）</h3>
              <FieldList fields={theme.sharedFields} usedBy={names} />
            </>
          )}
          {own.map((i) => (
            <div key={i.itemCode}>
              <h3>
                {i.itemName}另需填写
                {leftOut(i.itemCode) && <span className="theme-left-out">（根据您的回答，不用办）</span>}
              </h3>
              <FieldList fields={i.fields} />
            </div>
          ))}
        </>
      )}
    </Section>
  );
}

/** 材料清单: each material once, with the items that need it. */
function MaterialsSection({ theme, notNeeded }: { theme: ThemeDetail; notNeeded: (m: ThemeMaterial) => boolean }) {
  const site = useSite();
  // A licence may stand in for a material only where a licence library is connected (as a guide says it).
  const licences = site.data?.licencesConnected === true;
  const c = theme.counts;
  return (
    <Section id="theme-materials" title="要准备的材料">
      <p className="theme-summary">
        共 {theme.materials.length} 份材料
        {c.itemMaterials > c.askedMaterials && `（各事项分别要求共 ${c.itemMaterials} 份，相同的只交一份）`}。
      </p>
      {theme.materials.length === 0 ? (
        <p>这些事项不需要提交材料。</p>
      ) : (
        <ol className="theme-materials">
          {theme.materials.map((m) => {
            const skip = notNeeded(m);
            return (
              <li key={m.key} className={`theme-material${skip ? ' theme-item--not' : ''}`}>
                <h3 className="theme-material__name">{m.name}</h3>
                <ul className="tags" aria-label="材料要求">
                  <li className={m.required ? 'tag tag--strong' : 'tag'}>{m.required ? '必要' : '视情况提交'}</li>
                  {m.licenceType && licences && <li className="tag tag--good">可用电子证照免提交</li>}
                  {skip && <li className="tag tag--muted">根据您的回答，不用交</li>}
                </ul>
                <p className="theme-material__used">
                  {m.usedBy.length > 1 ? `${m.usedBy.length} 个事项都要，只交一份：` : '用于：'}
                  {m.usedBy.map((u) => u.itemName).join('、')}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      <p className="muted">“视情况提交”的材料，是否需要、有什么要求，请看对应事项的办事指南。</p>
    </Section>
  );
}
