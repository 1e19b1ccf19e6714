// The producers' desk: sign in, the channel's rundown with live updates, story preview, edit and schedule, breaking news.
// Article text from the API is only ever put on the page as text (textContent), never parsed as HTML.
import { ApiError, auth, get, request, signInWithPassword, signOut, whoAmI } from './api.js';
import { clockTime, dateTime, duration, utcToZoned, zonedToUtc } from './time.js';

const $ = (id) => document.getElementById(id);

/** Builds an element; text is always textContent. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const ROLES = ['viewer', 'producer', 'editor', 'admin'];
const state = {
  user: null,
  channels: [],
  channel: null,
  rundown: null, // { body, etag }
  stories: [],
  story: null, // { view, etag }
  breaking: null,
  hub: null,
  activity: 0,
};

const tz = () => state.channel?.timeZone || 'UTC';
const canDo = (role) => !state.user?.role || ROLES.indexOf(state.user.role) >= ROLES.indexOf(role);
const headlineOf = (s) => s?.headline ?? s?.title ?? s?.article?.headline ?? '(untitled)';

// ---------- feedback ----------

function toast(message, kind = 'info') {
  const node = el('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status', text: message });
  $('toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 9000 : 4500);
}

function failed(error, what) {
  console.error(what, error);
  const text = error instanceof ApiError ? `${what}: ${error.message}` : `${what}: ${error?.message || error}`;
  toast(text, 'error');
}

async function busy(button, work) {
  if (button) { button.disabled = true; button.setAttribute('aria-busy', 'true'); }
  try { return await work(); } finally { if (button) { button.disabled = false; button.removeAttribute('aria-busy'); } }
}

// ---------- sign in ----------

async function start() {
  let me = null;
  try { me = await whoAmI(); } catch (e) { console.warn('who am I', e); }
  if (me) await enterDesk(me); else showSignIn();
}

function showSignIn(message) {
  $('desk').hidden = true;
  $('signin').hidden = false;
  const error = $('signin-error');
  error.hidden = !message;
  error.textContent = message || '';
  $(auth.apiKey ? 'signin-key' : 'signin-username').focus();
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = $('signin-error');
  error.hidden = true;
  const key = $('signin-key').value.trim();
  const username = $('signin-username').value.trim();
  const password = $('signin-password').value;
  await busy($('signin-submit'), async () => {
    try {
      let me;
      if (key && !username) {
        auth.useKey(key);
        me = await whoAmI();
        if (!me) { auth.forget(); throw new Error('That API key was not accepted.'); }
      } else {
        if (!username || !password) throw new Error('Enter your username and password (or open "Use an API key instead").');
        await signInWithPassword(username, password);
        me = await whoAmI();
      }
      $('signin-password').value = '';
      $('signin-key').value = '';
      await enterDesk(me);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 404
        ? 'Password sign-in is not available on this server; use an API key.'
        : e instanceof ApiError && e.status === 401 ? 'Wrong username or password.' : e.message;
      error.hidden = false;
    }
  });
});

$('signout').addEventListener('click', async () => {
  await state.hub?.stop().catch(() => {});
  state.hub = null;
  await signOut();
  showSignIn();
});

async function enterDesk(me) {
  state.user = me;
  $('signin').hidden = true;
  $('desk').hidden = false;
  $('whoami').textContent = me.role ? `${me.username} · ${me.role}` : me.username;
  document.body.dataset.role = me.role || 'unknown';
  // Re-evaluated at every sign-in: the next person at this desk may have another role.
  for (const node of document.querySelectorAll('[data-role]')) node.toggleAttribute('data-denied', !canDo(node.dataset.role));
  $('breaking-open').hidden = !canDo('editor');
  const { body } = await get('/channels');
  state.channels = body;
  const select = $('channel');
  select.replaceChildren(...body.map((c) => el('option', { value: c.id, text: c.name })));
  const wanted = new URLSearchParams(location.hash.slice(1)).get('channel') || localStorage.getItem('tvnews.channel');
  select.value = body.some((c) => c.id === wanted) ? wanted : body[0]?.id;
  await selectChannel(select.value);
  openFromHash();
  $('main').focus();
}

$('channel').addEventListener('change', (e) => selectChannel(e.target.value));

// ---------- channel ----------

async function selectChannel(id) {
  const previous = state.channel?.id;
  state.channel = state.channels.find((c) => c.id === id) || null;
  if (!state.channel) return;
  localStorage.setItem('tvnews.channel', id);
  for (const n of document.querySelectorAll('.tz-name')) n.textContent = tz();
  for (const n of document.querySelectorAll('.channel-name')) n.textContent = state.channel.name;
  closeStory();
  await Promise.all([loadRundown(), loadStories(), loadBreaking()]);
  await connectHub(previous);
}

function tick() {
  if (state.channel) $('clock').textContent = `${clockTime(new Date().toISOString(), tz())} ${tz()}`;
}
setInterval(tick, 1000);

// ---------- live updates ----------

function setLive(status, text) {
  const pill = $('live');
  pill.dataset.state = status;
  pill.textContent = text;
}

async function connectHub(previousChannel) {
  if (state.hub && previousChannel) {
    await state.hub.invoke('Unsubscribe', previousChannel).catch(() => {});
    await state.hub.invoke('UnsubscribeProducer', previousChannel).catch(() => {});
    await subscribe();
    return;
  }
  const options = auth.mode === 'key'
    // A browser cannot put headers on a WebSocket; long polling carries the key on every request.
    ? { transport: signalR.HttpTransportType.LongPolling, headers: { 'X-Api-Key': auth.apiKey } }
    : {};
  const hub = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/newsroom', options)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  state.hub = hub;
  hub.on('StoryPublished', (e) => onStoryEvent('published', e));
  hub.on('StoryUpdated', (e) => onStoryEvent('updated', e));
  hub.on('FeedUpdated', (e) => { if (e.channelId === state.channel?.id) logActivity('Feed', `Feed version ${e.feedVersion}`); });
  hub.on('RenderProgress', onRenderProgress);
  hub.on('RundownChanged', (e) => {
    if (e.channelId !== state.channel?.id) return;
    logActivity('Rundown', 'Rundown changed');
    loadRundown();
  });
  hub.on('BreakingNewsStarted', (e) => {
    if (e.channelId !== state.channel?.id) return;
    showBreaking(e);
    logActivity('Breaking', e.headline, e.storyId);
    loadRundown();
  });
  hub.on('BreakingNewsEnded', (e) => {
    if (e.channelId !== state.channel?.id) return;
    showBreaking(null);
    logActivity('Breaking over', e.headline);
    loadRundown();
  });
  hub.onreconnecting(() => setLive('reconnecting', 'Reconnecting…'));
  hub.onreconnected(async () => {
    await subscribe();
    // Events missed while away are not replayed: reload what they would have changed.
    await Promise.all([loadRundown(), loadStories(), loadBreaking()]);
  });
  hub.onclose(() => setLive('offline', 'Offline'));
  setLive('reconnecting', 'Connecting…');
  try {
    await hub.start();
    await subscribe();
  } catch (e) {
    setLive('offline', 'Offline');
    failed(e, 'Live updates');
  }
}

async function subscribe() {
  const id = state.channel.id;
  await state.hub.invoke('Subscribe', id);
  try {
    await state.hub.invoke('SubscribeProducer', id);
    setLive('live', 'Live');
  } catch (e) {
    // Viewers get the public events only.
    setLive('live', 'Live (public events)');
    console.warn('producer events', e);
  }
  document.body.dataset.live = 'true';
}

function onStoryEvent(kind, e) {
  if (e.channelId !== state.channel?.id) return;
  logActivity(kind === 'published' ? 'Published' : 'Updated', e.title, e.storyId);
  if (kind === 'published') toast(`On air: ${e.title}`);
  loadStories();
  loadRundown();
  if (state.story && sameId(state.story.view.id, e.storyId)) openStory(e.storyId, { keepScroll: true });
}

function onRenderProgress(e) {
  if (e.channelId !== state.channel?.id) return;
  if (!state.story || !sameId(state.story.view.id, e.storyId)) return;
  const box = $('render-progress');
  box.hidden = e.progress >= 1;
  $('render-progress-bar').style.width = `${Math.round(e.progress * 100)}%`;
  $('render-progress-text').textContent = `Rendering: ${e.stage} ${Math.round(e.progress * 100)}%`;
}

const sameId = (a, b) => String(a).replaceAll('-', '').toLowerCase() === String(b).replaceAll('-', '').toLowerCase();

function logActivity(kind, text, storyId) {
  $('activity-empty').hidden = true;
  const time = el('time', { class: 'muted', text: clockTime(new Date().toISOString(), tz()) });
  const item = el('li', { class: 'item', tabindex: '-1', dataset: storyId ? { storyId } : {} },
    el('span', { class: `kind kind-${kind.toLowerCase().replace(/\s+/g, '-')}`, text: kind }),
    el('span', { class: 'grow', text }),
    time);
  if (storyId) {
    item.classList.add('clickable');
    item.addEventListener('click', () => openStory(storyId));
  }
  $('activity').prepend(item);
  while ($('activity').children.length > 100) $('activity').lastElementChild.remove();
  if ($('tab-activity').getAttribute('aria-selected') !== 'true') {
    state.activity += 1;
    $('activity-count').textContent = String(state.activity);
    $('activity-count').hidden = false;
  }
}

// ---------- rundown ----------

async function loadRundown() {
  const channel = state.channel;
  const message = $('rundown-message');
  try {
    const r = await get(`/api/channels/${encodeURIComponent(channel.id)}/rundown`, { allow: [404] });
    if (channel !== state.channel) return;
    if (r.status === 404) {
      state.rundown = null;
      $('rundown').replaceChildren();
      message.textContent = 'This server has no rundown for the channel yet.';
      message.hidden = false;
      return;
    }
    state.rundown = { body: r.body, etag: r.etag };
    renderRundown();
  } catch (e) {
    failed(e, 'Rundown');
  }
}

function renderRundown() {
  const { body } = state.rundown;
  const items = body.items || [];
  $('rundown-total').textContent = duration(body.totalSeconds);
  $('rundown-start').textContent = clockTime(body.startsAt, tz());
  $('rundown-end').textContent = clockTime(body.endsAt, tz());
  const message = $('rundown-message');
  message.hidden = items.length > 0;
  message.textContent = 'The rundown is empty. Open a story and choose "Add to rundown".';
  const editable = canDo('editor');
  const selected = document.activeElement?.closest?.('#rundown li')?.dataset.storyId;
  $('rundown').replaceChildren(...items.map((item, i) => {
    const li = el('li', {
      class: `item${item.floated ? ' floated' : ''}${state.breaking && sameId(state.breaking.storyId ?? '', item.storyId) ? ' is-breaking' : ''}`,
      tabindex: '0',
      dataset: { storyId: item.storyId, index: String(i) },
      'aria-label': `${i + 1}. ${item.headline}${item.floated ? ' (floated)' : ''}`,
    },
    el('span', { class: 'num', text: String(i + 1) }),
    el('span', { class: 'grow' },
      el('span', { class: 'headline', text: item.headline }),
      el('span', { class: 'muted small-text', text: item.floated ? 'Floated: skipped on air' : `${clockTime(item.startsAt, tz())} – ${clockTime(item.endsAt, tz())}` })),
    el('span', { class: 'dur', text: duration(item.plannedSeconds) }),
    editable ? el('span', { class: 'item-actions' },
      el('button', { class: 'icon', type: 'button', title: 'Move up', 'aria-label': `Move "${item.headline}" up`, disabled: i === 0, onclick: (e) => { e.stopPropagation(); moveRundownItem(i, -1); } }, '↑'),
      el('button', { class: 'icon', type: 'button', title: 'Move down', 'aria-label': `Move "${item.headline}" down`, disabled: i === items.length - 1, onclick: (e) => { e.stopPropagation(); moveRundownItem(i, 1); } }, '↓'),
      el('button', { class: 'icon', type: 'button', title: item.floated ? 'Unfloat' : 'Float', 'aria-pressed': item.floated ? 'true' : 'false', 'aria-label': `Float "${item.headline}"`, onclick: (e) => { e.stopPropagation(); floatRundownItem(i); } }, '≈'),
      el('button', { class: 'icon', type: 'button', title: 'Remove from rundown', 'aria-label': `Remove "${item.headline}"`, onclick: (e) => { e.stopPropagation(); removeRundownItem(i); } }, '×'),
    ) : null);
    li.addEventListener('click', () => openStory(item.storyId));
    li.addEventListener('keydown', (e) => rundownKeys(e, i));
    return li;
  }));
  if (selected) $('rundown').querySelector(`li[data-story-id="${CSS.escape(selected)}"]`)?.focus();
}

function rundownKeys(event, index) {
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    moveRundownItem(index, event.key === 'ArrowUp' ? -1 : 1);
  } else if ((event.key === 'f' || event.key === 'F') && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    floatRundownItem(index);
  } else if (event.key === 'Delete') {
    event.preventDefault();
    removeRundownItem(index);
  }
}

const rundownPayload = (items) => items.map((it) => ({ storyId: it.storyId, plannedSeconds: it.plannedSeconds, floated: !!it.floated }));

async function saveRundown(items, focusStoryId) {
  if (!state.rundown) return;
  try {
    const r = await request('PUT', `/api/channels/${encodeURIComponent(state.channel.id)}/rundown`, {
      ifMatch: state.rundown.etag,
      body: { startsAt: state.rundown.body.startsAt, items: rundownPayload(items) },
    });
    state.rundown = { body: r.body ?? state.rundown.body, etag: r.etag ?? state.rundown.etag };
    if (!r.body) await loadRundown(); else renderRundown();
    if (focusStoryId) $('rundown').querySelector(`li[data-story-id="${CSS.escape(String(focusStoryId))}"]`)?.focus();
  } catch (e) {
    if (e instanceof ApiError && e.status === 412) {
      toast('Someone else changed the rundown first. It has been reloaded: please make your change again.', 'error');
      await loadRundown();
    } else failed(e, 'Rundown');
  }
}

function moveRundownItem(index, delta) {
  const items = [...state.rundown.body.items];
  const to = index + delta;
  if (to < 0 || to >= items.length) return;
  const [moved] = items.splice(index, 1);
  items.splice(to, 0, moved);
  saveRundown(items, moved.storyId);
}

function floatRundownItem(index) {
  const items = state.rundown.body.items.map((it, i) => (i === index ? { ...it, floated: !it.floated } : it));
  saveRundown(items, items[index].storyId);
}

function removeRundownItem(index) {
  const items = state.rundown.body.items.filter((_, i) => i !== index);
  saveRundown(items);
}

$('rundown-refresh').addEventListener('click', () => loadRundown());

$('rundown-add').addEventListener('click', async () => {
  if (!state.rundown || !state.story) return;
  const items = state.rundown.body.items || [];
  if (items.some((it) => sameId(it.storyId, state.story.view.id))) { toast('Already in the rundown.'); return; }
  await busy($('rundown-add'), () => saveRundown([...items, { storyId: state.story.view.id, floated: false }], state.story.view.id));
});

// ---------- stories ----------

async function loadStories() {
  const channel = state.channel;
  const message = $('stories-message');
  const wanted = $('story-state').value;
  try {
    const query = new URLSearchParams({ channelId: channel.id });
    if (wanted) query.set('state', wanted);
    const r = await get(`/api/stories?${query}`, { allow: [404, 405] });
    if (channel !== state.channel) return;
    if (r.status !== 200) {
      state.stories = [];
      message.textContent = 'This server cannot list stories yet; published stories appear under Activity as they go on air.';
      message.hidden = false;
      renderStories();
      return;
    }
    const list = Array.isArray(r.body) ? r.body : r.body?.stories ?? r.body?.items ?? [];
    state.stories = list;
    message.hidden = list.length > 0;
    message.textContent = 'No stories in this state.';
    renderStories();
  } catch (e) {
    failed(e, 'Stories');
  }
}

function renderStories() {
  const filter = $('story-filter').value.trim().toLowerCase();
  const shown = state.stories.filter((s) => !filter || headlineOf(s).toLowerCase().includes(filter));
  $('stories').replaceChildren(...shown.map((s) => {
    const when = s.state === 'scheduled' ? `Scheduled ${dateTime(s.publishAt, tz())}`
      : s.state === 'published' ? `Published ${dateTime(s.publishedAt, tz())}`
        : `Updated ${dateTime(s.updatedAt ?? s.createdAt, tz())}`;
    const li = el('li', { class: 'item', tabindex: '0', dataset: { storyId: s.id } },
      el('span', { class: `badge state-${s.state}`, text: s.state }),
      el('span', { class: 'grow' },
        el('span', { class: 'headline', text: headlineOf(s) }),
        el('span', { class: 'muted small-text', text: [when, s.category].filter(Boolean).join(' · ') })),
      s.priority ? el('span', { class: 'dur', title: 'Priority', text: `P${s.priority}` }) : null);
    li.addEventListener('click', () => openStory(s.id));
    return li;
  }));
}

$('story-state').addEventListener('change', () => loadStories());
$('story-filter').addEventListener('input', () => renderStories());

// ---------- story preview ----------

function closeStory() {
  state.story = null;
  $('story').hidden = true;
  $('preview-empty').hidden = false;
  $('breaking-story-name').textContent = 'none';
}

async function openStory(id, { keepScroll = false } = {}) {
  try {
    const r = await get(`/api/stories/${encodeURIComponent(id)}`);
    state.story = { view: r.body, etag: r.etag };
    renderStory(keepScroll);
    const hash = new URLSearchParams({ channel: state.channel.id, story: String(id) });
    history.replaceState(null, '', `#${hash}`);
    for (const li of document.querySelectorAll('.list li[aria-current]')) li.removeAttribute('aria-current');
    for (const li of document.querySelectorAll('.list li[data-story-id]')) if (sameId(li.dataset.storyId, id)) li.setAttribute('aria-current', 'true');
  } catch (e) {
    failed(e, 'Story');
  }
}

function openFromHash() {
  const story = new URLSearchParams(location.hash.slice(1)).get('story');
  if (story) openStory(story);
}

function renderStory(keepScroll) {
  const s = state.story.view;
  const article = s.article || {};
  $('preview-empty').hidden = true;
  $('story').hidden = false;
  $('story-headline').textContent = article.headline || headlineOf(s);
  $('breaking-story-name').textContent = article.headline || '';
  const badge = $('story-state-badge');
  badge.textContent = s.state;
  badge.className = `badge state-${s.state}`;
  $('story-render-badge').textContent = `render: ${s.renderState}`;
  $('story-locked').hidden = !s.locked;
  const meta = [
    article.byline, article.dateline,
    s.publishAt && s.state === 'scheduled' ? `Publishes ${dateTime(s.publishAt, tz())}` : null,
    s.publishedAt ? `Published ${dateTime(s.publishedAt, tz())}` : null,
    s.expireAt ? `Expires ${dateTime(s.expireAt, tz())}` : null,
    s.publishLatenessMs > 0 ? `${(s.publishLatenessMs / 1000).toFixed(1)} s late` : null,
    s.retractReason ? `Retracted: ${s.retractReason}` : null,
    `${duration(s.durationSeconds)} long`,
  ].filter(Boolean);
  $('story-meta').textContent = meta.join(' · ');

  const video = $('story-video');
  const mp4 = s.media?.mp4;
  if (mp4 && video.dataset.src !== mp4) {
    video.replaceChildren(el('source', { src: mp4, type: 'video/mp4' }));
    if (s.media.thumbnail) video.poster = s.media.thumbnail;
    if (s.media.captionsVtt) video.append(el('track', { kind: 'captions', src: s.media.captionsVtt, srclang: article.language || 'en', label: 'Captions' }));
    video.dataset.src = mp4;
    video.load();
  } else if (!mp4) {
    video.replaceChildren();
    video.removeAttribute('poster');
    delete video.dataset.src;
  }
  video.hidden = !mp4;
  $('story-video-missing').hidden = !!mp4;
  $('render-progress').hidden = true;

  const slides = s.slides || [];
  $('slides-count').textContent = `(${slides.length})`;
  $('slides').replaceChildren(...slides.map((slide, i) => el('li', { class: 'slide' },
    slide.imageUrl || slide.image720Url
      ? el('img', { src: slide.image720Url || slide.imageUrl, alt: `Slide ${i + 1}: ${slide.text || slide.kind}`, loading: 'lazy', width: '320', height: '180' })
      : el('div', { class: 'slide-placeholder', text: slide.text || slide.kind }),
    el('span', { class: 'slide-cap' },
      el('span', { class: 'muted', text: `${i + 1} · ${String(slide.kind).toLowerCase()}` }),
      el('span', { text: duration(slide.onScreenSeconds ?? slide.durationSeconds) })))));

  $('schedule-at').value = utcToZoned(s.publishAt, tz());
  $('schedule-expire').value = utcToZoned(s.expireAt, tz());
  fillEdit();
  $('retract-form').hidden = s.state !== 'published' || !canDo('editor');
  $('publish-now').hidden = !canDo('editor') || s.state === 'published';
  $('rundown-add').hidden = !canDo('editor') || !state.rundown;
  if (!keepScroll) $('preview').scrollTop = 0;
}

function fillEdit() {
  const s = state.story.view;
  const article = s.article || {};
  $('edit-headline').value = article.headline || '';
  $('edit-paragraphs').value = (article.paragraphs || []).join('\n\n');
  $('edit-category').value = s.category ?? article.category ?? '';
  $('edit-priority').value = s.priority ?? '';
  $('edit-tags').value = (s.tags || []).join(', ');
}

$('edit-reset').addEventListener('click', () => state.story && fillEdit());

/** A story write with If-Match; a 412 reloads the story and says so, so nobody's work is silently lost. */
async function storyWrite(button, method, suffix, body, done) {
  const s = state.story;
  if (!s) return;
  await busy(button, async () => {
    try {
      await request(method, `/api/stories/${encodeURIComponent(s.view.id)}${suffix}`, { body, ifMatch: s.etag });
      toast(done);
      await openStory(s.view.id, { keepScroll: true });
      loadStories();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        toast('Someone else changed this story first. It has been reloaded: your edit was not saved.', 'error');
        await openStory(s.view.id, { keepScroll: true });
      } else failed(e, done.replace(/\.$/, '') + ' failed');
    }
  });
}

$('edit-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const headline = $('edit-headline').value.trim();
  if (!headline) { $('edit-headline').focus(); toast('A headline is required.', 'error'); return; }
  const priority = $('edit-priority').value;
  storyWrite($('edit-submit'), 'PATCH', '', {
    headline,
    paragraphs: $('edit-paragraphs').value.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
    category: $('edit-category').value.trim() || null,
    priority: priority === '' ? null : Number(priority),
    tags: $('edit-tags').value.split(',').map((t) => t.trim()).filter(Boolean),
  }, 'Story saved.');
});

$('schedule-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const publishAt = zonedToUtc($('schedule-at').value, tz());
  if (!publishAt) { $('schedule-at').focus(); toast('Choose when the story goes on air.', 'error'); return; }
  const expireAt = zonedToUtc($('schedule-expire').value, tz());
  storyWrite($('schedule-submit'), 'POST', '/schedule', expireAt ? { publishAt, expireAt } : { publishAt },
    `Scheduled for ${dateTime(publishAt, tz())}.`);
});

$('publish-now').addEventListener('click', () => storyWrite($('publish-now'), 'POST', '/publish', undefined, 'Publishing.'));

$('retract-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = $('retract-reason').value.trim();
  if (!reason) { $('retract-reason').focus(); toast('Say why the story is retracted.', 'error'); return; }
  storyWrite($('retract-submit'), 'POST', '/retract', { reason }, 'Story retracted.').then(() => { $('retract-reason').value = ''; });
});

// ---------- breaking news ----------

async function loadBreaking() {
  const channel = state.channel;
  try {
    const r = await get(`/api/channels/${encodeURIComponent(channel.id)}/breaking`, { allow: [204, 404] });
    if (channel !== state.channel) return;
    const active = r.status === 200 ? (r.body?.active ?? r.body) : null;
    showBreaking(active && active.headline && !active.endedAt ? active : null);
  } catch (e) {
    console.warn('breaking', e);
  }
}

function showBreaking(item) {
  state.breaking = item;
  const banner = $('breaking-banner');
  banner.hidden = !item;
  document.body.classList.toggle('has-breaking', !!item);
  if (!item) return;
  $('breaking-headline').textContent = item.headline;
  $('breaking-until').textContent = item.expiresAt ? `until ${clockTime(item.expiresAt, tz())}` : '';
  $('breaking-end').hidden = !canDo('editor');
}

function openBreaking() {
  if (!canDo('editor')) return;
  $('breaking-error').hidden = true;
  $('breaking-with-story').checked = false;
  $('breaking-with-story').disabled = !state.story;
  $('breaking-dialog').showModal();
  $('breaking-text').focus();
}

$('breaking-open').addEventListener('click', openBreaking);
$('breaking-cancel').addEventListener('click', () => $('breaking-dialog').close());

$('breaking-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const headline = $('breaking-text').value.trim();
  const error = $('breaking-error');
  if (!headline) { error.textContent = 'A headline is required.'; error.hidden = false; $('breaking-text').focus(); return; }
  const body = { headline };
  if ($('breaking-with-story').checked && state.story) body.storyId = state.story.view.id;
  await busy($('breaking-submit'), async () => {
    try {
      const r = await request('POST', `/api/channels/${encodeURIComponent(state.channel.id)}/breaking`, { body });
      $('breaking-dialog').close();
      $('breaking-text').value = '';
      if (r.body?.headline) showBreaking(r.body);
      toast('Breaking news is on air.');
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });
});

$('breaking-end').addEventListener('click', async () => {
  if (!confirm('End the breaking news now?')) return;
  await busy($('breaking-end'), async () => {
    try {
      await request('DELETE', `/api/channels/${encodeURIComponent(state.channel.id)}/breaking`);
      showBreaking(null);
      loadRundown();
    } catch (e) { failed(e, 'Ending breaking news'); }
  });
});

// ---------- tabs and keyboard ----------

const tabs = ['tab-rundown', 'tab-stories', 'tab-activity'];

function selectTab(id) {
  for (const t of tabs) {
    const on = t === id;
    const tab = $(t);
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(tab.getAttribute('aria-controls')).hidden = !on;
  }
  if (id === 'tab-activity') { state.activity = 0; $('activity-count').hidden = true; }
  $(id).focus();
}

for (const t of tabs) $(t).addEventListener('click', () => selectTab(t));
$('main').querySelector('[role=tablist]').addEventListener('keydown', (e) => {
  const i = tabs.indexOf(document.activeElement.id);
  if (i < 0) return;
  if (e.key === 'ArrowRight') { e.preventDefault(); selectTab(tabs[(i + 1) % tabs.length]); }
  if (e.key === 'ArrowLeft') { e.preventDefault(); selectTab(tabs[(i + tabs.length - 1) % tabs.length]); }
});

function visibleList() {
  const tab = tabs.find((t) => $(t).getAttribute('aria-selected') === 'true');
  return { 'tab-rundown': $('rundown'), 'tab-stories': $('stories'), 'tab-activity': $('activity') }[tab];
}

document.addEventListener('keydown', (e) => {
  if ($('desk').hidden) return;
  if (e.key === 's' && (e.ctrlKey || e.metaKey) && state.story) {
    e.preventDefault();
    $('edit-form').requestSubmit();
    return;
  }
  const typing = e.target.closest('input, textarea, select, [contenteditable]') || document.querySelector('dialog[open]');
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (['1', '2', '3'].includes(e.key)) { e.preventDefault(); selectTab(tabs[Number(e.key) - 1]); return; }
  if (e.key === 'b') { e.preventDefault(); openBreaking(); return; }
  if (e.key === '?') { e.preventDefault(); $('help-dialog').showModal(); return; }
  if (e.key === '/') { e.preventDefault(); selectTab('tab-stories'); $('story-filter').focus(); return; }
  if (e.key === 'j' || e.key === 'k') {
    e.preventDefault();
    const items = [...visibleList().querySelectorAll(':scope > li')];
    if (!items.length) return;
    const at = items.indexOf(document.activeElement);
    const next = at < 0 ? 0 : Math.min(items.length - 1, Math.max(0, at + (e.key === 'j' ? 1 : -1)));
    items[next].tabIndex = 0;
    items[next].focus();
    return;
  }
  if (e.key === 'Enter' && e.target.matches('.list li[data-story-id]')) {
    e.preventDefault();
    openStory(e.target.dataset.storyId);
  }
});

start();
