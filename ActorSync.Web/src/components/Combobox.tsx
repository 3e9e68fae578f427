import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { Problem } from '../api/client';

interface Props<T> {
  label: string;
  placeholder: string;
  /** Results for the text typed; called ~250 ms after the last key. */
  search: (query: string, signal: AbortSignal) => Promise<T[]>;
  optionKey: (option: T) => number;
  optionText: (option: T) => string;
  renderOption: (option: T) => ComponentChildren;
  onSelect: (option: T) => void;
  disabled?: boolean;
  hint?: string;
}

const DEBOUNCE_MS = 250;

/**
 * Autocomplete as an ARIA 1.2 combobox: the input keeps focus, ↑/↓ move through the options
 * (aria-activedescendant), Enter chooses, Escape closes then clears; a click chooses too.
 */
export function Combobox<T>({ label, placeholder, search, optionKey, optionText, renderOption, onSelect, disabled, hint }: Props<T>) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [options, setOptions] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const query = text.trim();
    if (query.length === 0) {
      setOptions([]);
      setOpen(false);
      setStatus('');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus('Searching…');
      search(query.slice(0, 100), controller.signal).then(
        (found) => {
          if (controller.signal.aborted) return;
          setOptions(found);
          setActive(-1);
          setOpen(true);
          setStatus(found.length === 0 ? `No results for “${query}”.` : `${found.length} result${found.length === 1 ? '' : 's'}; use the up and down arrows to choose.`);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setOptions([]);
          setOpen(true);
          setStatus(error instanceof Problem ? error.message : 'The search failed. Please try again.');
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  function choose(option: T) {
    onSelect(option);
    setText('');
    setOptions([]);
    setOpen(false);
    setActive(-1);
    setStatus(`${optionText(option)} added.`);
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (options.length === 0) return;
        setOpen(true);
        setActive((index) => (index + 1) % options.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (options.length === 0) return;
        setOpen(true);
        setActive((index) => (index <= 0 ? options.length - 1 : index - 1));
        break;
      case 'Enter':
        if (open && options.length > 0) {
          event.preventDefault();
          choose(options[active >= 0 ? active : 0]);
        }
        break;
      case 'Escape':
        if (open) setOpen(false);
        else setText('');
        setActive(-1);
        break;
    }
  }

  const expanded = open && text.trim().length > 0;
  return (
    <div class="combo">
      <label for={id} class="combo-label">{label}</label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        placeholder={placeholder}
        value={text}
        disabled={disabled}
        onInput={(event) => setText((event.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => { if (options.length > 0) setOpen(true); }}
      />
      <ul id={listId} role="listbox" aria-label={label} class="combo-list" hidden={!expanded || options.length === 0}>
        {options.map((option, index) => (
          <li
            key={optionKey(option)}
            id={`${id}-opt-${index}`}
            role="option"
            aria-selected={index === active}
            class={index === active ? 'combo-option active' : 'combo-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            onMouseMove={() => { if (active !== index) setActive(index); }}
          >
            {renderOption(option)}
          </li>
        ))}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
      {expanded && options.length === 0 && status && !status.startsWith('Searching') && <p class="combo-empty">{status}</p>}
    </div>
  );
}
