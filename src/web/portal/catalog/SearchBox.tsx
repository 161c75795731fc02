import { useId, useState, type FormEvent } from 'react';
import './SearchBox.css';

/**
 * The search form: a labelled search landmark with one big field and a 搜索 button. `compact` (the
 * results page) keeps the examples out of sight on a phone, where they would push the results down.
 * Other searches (the service map's 要办什么事？) give their own label, hint and button words.
 */
export function SearchBox({
  defaultValue = '',
  onSearch,
  autoFocus = false,
  compact = false,
  label = '搜索办事事项',
  hint = '可输入事项名称、常用说法或拼音，例如：低保、生孩子、dibao',
  placeholder = '例如：低保、生孩子、dibao',
  button = '搜索',
}: {
  defaultValue?: string;
  onSearch: (q: string) => void;
  autoFocus?: boolean;
  compact?: boolean;
  label?: string;
  hint?: string;
  placeholder?: string;
  button?: string;
}) {
  const id = useId();
  const [value, setValue] = useState(defaultValue);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(value.trim());
  };
  return (
    <form role="search" aria-labelledby={`${id}-label`} className={compact ? 'search-box search-box--compact' : 'search-box'} onSubmit={submit}>
      <label id={`${id}-label`} htmlFor={`${id}-q`} className="search-box__label">
        {label}
      </label>
      <p id={`${id}-hint`} className="search-box__hint">
        {hint}
      </p>
      <div className="search-box__row">
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={placeholder || undefined}
          aria-describedby={`${id}-hint`}
          maxLength={100}
          autoComplete="off"
          enterKeyHint="search"
          autoFocus={autoFocus}
        />
        <button type="submit" className="bm-btn bm-btn--primary">
          {button}
        </button>
      </div>
    </form>
  );
}
