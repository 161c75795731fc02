/**
 * The live preview: the form as applicants will see it, drawn by the shared FormRenderer, where the
 * admin can try answers. Conditions show and hide fields as they would for an applicant; the
 * validator (validateForm, the same the server runs) reports on what has been answered, and on
 * everything after 模拟提交.
 */
import { Button, Space } from 'antd';
import { useMemo, useState } from 'react';
import { visibleFields, type FormDefinition, type FormValues } from '../../../shared/forms.js';
import { FormRenderer } from '../FormRenderer.js';
import { keepFittingAnswers, previewErrors } from './model.js';

export function Preview({ definition }: { definition: FormDefinition }) {
  const [values, setValues] = useState<FormValues>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [checkAll, setCheckAll] = useState(false);
  // 清空试填 draws the form afresh (inputs keep their own text while typing, e.g. numbers).
  const [generation, setGeneration] = useState(0);

  // Until a repeated key is fixed only its first field can be drawn (answers are kept by key).
  const { shown, skipped } = useMemo(() => {
    const seen = new Set<string>();
    const fields = definition.fields.filter((f) => (seen.has(f.key) ? false : (seen.add(f.key), true)));
    return { shown: { fields }, skipped: definition.fields.length - fields.length };
  }, [definition]);
  const answers = keepFittingAnswers(shown, values);
  const errors = previewErrors(shown, answers, checkAll ? 'all' : touched);
  const visible = visibleFields(shown, answers).length;
  const problemCount = Object.keys(errors).length;

  const onChange = (next: FormValues) => {
    const changed = [...new Set([...Object.keys(next), ...Object.keys(answers)])].filter((k) => JSON.stringify(next[k]) !== JSON.stringify(answers[k]));
    if (changed.length) setTouched((t) => new Set([...t, ...changed]));
    setValues(next);
  };

  return (
    <section aria-labelledby="fd-pv-h" className="card fd-panel fd-preview">
      <h2 id="fd-pv-h" className="fd-panel__title">
        预览（可试填）
      </h2>
      <p className="muted fd-panel__note">申请人看到的表单。试着填写，检查显示条件和校验提示是否符合预期；试填内容不会保存。</p>
      <p role="status" className="fd-preview__status">
        {definition.fields.length === 0
          ? '表单还没有字段。'
          : `显示 ${visible} 个字段（共 ${definition.fields.length} 个）${problemCount ? `，${problemCount} 处提示` : checkAll ? '，全部填写正确' : ''}`}
      </p>
      {skipped > 0 && <p className="fd-preview__note">有 {skipped} 个字段的标识与前面的字段重复，修正前不在预览中显示。</p>}
      {shown.fields.some((f) => f.type === 'attachment') && <p className="muted fd-preview__note">预览中不能上传附件。</p>}
      <div className="fd-preview__form">
        <FormRenderer key={generation} idPrefix="fd-preview" definition={shown} values={answers} onChange={onChange} errors={errors} />
      </div>
      {definition.fields.length > 0 && (
        <Space wrap className="fd-preview__actions">
          <Button onClick={() => setCheckAll(true)}>模拟提交（检查全部）</Button>
          <Button
            onClick={() => {
              setValues({});
              setTouched(new Set());
              setCheckAll(false);
              setGeneration((g) => g + 1);
            }}
          >
            清空试填
          </Button>
        </Space>
      )}
    </section>
  );
}
