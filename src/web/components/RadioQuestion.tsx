/** One question answered by one choice (情形引导, a theme's questions): a fieldset of radios. */
export function RadioQuestion({ legend, help, name, options, value, onPick }: {
  legend: string; help?: string; name: string; options: readonly { value: string; label: string }[]; value: string | undefined; onPick: (value: string) => void;
}) {
  return (
    <fieldset className="radio-group radio-group--stacked situation">
      <legend>{legend}</legend>
      {help && <p className="theme-question__help">{help}</p>}
      {options.map((o) => (
        <label key={o.value} className="radio">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onPick(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
