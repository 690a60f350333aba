// A React page embedding Chancery's inbox and task elements (docs/embedding.md, "React").
import { createElement as h, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

const API = 'https://oa.example.gov.cn';
const KEY = 'chk_YOUR_PORTAL_KEY';

/** `<chancery-inbox>` with its DOM events wired to React callbacks. */
function Inbox({ onOpen, onLoaded }) {
  const ref = useRef(null);
  useEffect(() => {
    const el = ref.current;
    const open = (e) => {
      e.preventDefault();
      onOpen(e.detail);
    };
    const loaded = (e) => onLoaded(e.detail.total);
    el.addEventListener('chancery-open-task', open);
    el.addEventListener('chancery-inbox-loaded', loaded);
    return () => {
      el.removeEventListener('chancery-open-task', open);
      el.removeEventListener('chancery-inbox-loaded', loaded);
    };
  }, [onOpen, onLoaded]);
  return h('chancery-inbox', { ref, api: API, 'api-key': KEY, lang: 'zh-CN', 'page-size': '10' });
}

function App() {
  const [opened, setOpened] = useState(null);
  const [total, setTotal] = useState(null);
  return h(
    'div',
    null,
    h('header', null, h('strong', null, '民政局门户 · 我的待办')),
    h(
      'main',
      null,
      h('p', { id: 'status', role: 'status' }, total === null ? '正在读取待办……' : `React 收到待办 ${total} 件`),
      opened
        ? h(
            'div',
            null,
            h('p', { id: 'opened' }, `已打开：${opened.taskId}`),
            h('chancery-task', { api: API, 'api-key': KEY, 'task-id': opened.taskId, lang: 'zh-CN' }),
          )
        : h(Inbox, { onOpen: setOpened, onLoaded: setTotal }),
    ),
  );
}

createRoot(document.getElementById('root')).render(h(App));
