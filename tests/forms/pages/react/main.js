// A React portal page that bundles the Chancery form components (an integrator's Vite build) and
// shows the meeting request form of a Chancery server. The server address and a token come from
// the page's query string (`?api=…&token=…`), as a portal would take them from its own config.
import { createElement as h, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { defineChanceryElements } from '../../../../forms/components.ts';

defineChanceryElements();

const params = new URLSearchParams(location.search);
const API = params.get('api') ?? '';
const TOKEN = params.get('token') ?? '';

/** `<chancery-form>` with its DOM events wired to React callbacks. */
function MeetingForm({ onSubmit, onInvalid }) {
  const ref = useRef(null);
  useEffect(() => {
    const el = ref.current;
    const submit = (e) => onSubmit(e.detail);
    const invalid = (e) => onInvalid(e.detail);
    el.addEventListener('chancery-submit', submit);
    el.addEventListener('chancery-invalid', invalid);
    return () => {
      el.removeEventListener('chancery-submit', submit);
      el.removeEventListener('chancery-invalid', invalid);
    };
  }, [onSubmit, onInvalid]);
  return h('chancery-form', { ref, src: `${API}/api/forms/meeting-request/request`, api: API, token: TOKEN, lang: 'zh-CN' });
}

function App() {
  const [status, setStatus] = useState('请填写会议申请');
  const onSubmit = (detail) => {
    window.reactSubmitted = [...(window.reactSubmitted ?? []), detail];
    setStatus(`React 收到提交：${detail.data.topic}`);
  };
  const onInvalid = (detail) => setStatus(`React 收到校验错误 ${detail.errors.length} 处`);
  return h(
    'div',
    null,
    h('header', null, h('strong', null, '民政局门户 · 会议申请')),
    h('main', null, h('p', { id: 'status', role: 'status' }, status), h(MeetingForm, { onSubmit, onInvalid })),
  );
}

createRoot(document.getElementById('root')).render(h(App));
