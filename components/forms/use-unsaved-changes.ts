"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";

/**
 * While `dirty`, leaving the page asks first: a reload, a closed tab or another site through the
 * browser's own prompt (beforeunload), a link inside the app through a confirm. The App Router has
 * no navigation events, so links are caught in the capture phase before Next's <Link> sees the
 * click. (The browser's back button is not caught: a popstate cannot be cancelled.)
 */
export function useUnsavedChanges(dirty: boolean) {
  const t = useTranslations("forms");
  const message = t("leave");
  useEffect(() => {
    if (!dirty) return;
    let confirmed = false;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (confirmed) return;
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      // Another site unloads this page: beforeunload asks. A jump within the page loses nothing.
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      if (window.confirm(message)) confirmed = true;
      else {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}

/**
 * What the form's native fields held as the server rendered them: a detached copy reset to its
 * defaults. Comparing with that rather than with the fields at mount counts what someone typed
 * before the page was interactive.
 */
const defaults = (form: HTMLFormElement) => {
  const copy = form.cloneNode(true) as HTMLFormElement;
  copy.reset();
  return snapshot(copy);
};

const snapshot = (form: HTMLFormElement) => JSON.stringify([...new FormData(form).entries()].map(([k, v]) => [k, typeof v === "string" ? v : v.name]));

/**
 * Dirty tracking for an edit form: its native fields compared with what the page was served with,
 * plus `state` (controlled widgets such as switches, checkboxes or a permission matrix) compared
 * with its first value. Spread `form` on the <form>; call `saved()` after a successful save.
 */
export function useFormChanges(state?: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  const fields = useRef<string | null>(null);
  const stateNow = JSON.stringify(state ?? null);
  const [stateThen, setStateThen] = useState(stateNow);
  const [fieldsDirty, setFieldsDirty] = useState(false);
  const check = useCallback(() => {
    if (ref.current && fields.current !== null) setFieldsDirty(snapshot(ref.current) !== fields.current);
  }, []);
  useEffect(() => {
    if (!ref.current) return;
    fields.current = defaults(ref.current);
    check();
  }, [check]);
  const dirty = fieldsDirty || stateNow !== stateThen;
  useUnsavedChanges(dirty);
  /** `next`: the state the form is left in when the save also changes it (a create form that clears itself). */
  const saved = (next: unknown = state) => {
    if (ref.current) fields.current = snapshot(ref.current);
    setFieldsDirty(false);
    setStateThen(JSON.stringify(next ?? null));
  };
  return { dirty, saved, form: { ref, onChange: check, onInput: check } };
}
