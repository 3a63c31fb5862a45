// The Conversations inbox: the account's conversations, one contact's thread, the team's answer. Everything through
// the console's /api (passed on to workflow-service, messaging-service and call-gateway) with the account's token.
// No framework. New messages appear by polling (every data-poll-ms); what is on screen is updated in place, so a
// voicemail that is playing keeps playing.
'use strict';

(() => {
    // The same keys as the settings page: signing in once opens both.
    const TOKEN_KEY = 'mctb.settings.token';
    const ACCOUNT_KEY = 'mctb.settings.account';
    const PAGE_SIZE = 20;
    const cfg = document.body.dataset;
    const $ = (selector, root = document) => root.querySelector(selector);

    const state = {
        account: null, token: null, unreadOnly: false, shown: PAGE_SIZE, open: null, entries: new Map(),
        pendingKey: null, pendingBody: null, timer: null, busy: false,
    };

    function h(tag, attrs = {}, ...children) {
        const el = document.createElement(tag);
        for (const [key, value] of Object.entries(attrs)) {
            if (value === null || value === undefined || value === false) continue;
            if (key === 'text') el.textContent = value;
            else if (key === 'class') el.className = value;
            else if (key.startsWith('on')) el.addEventListener(key.substring(2), value);
            else el.setAttribute(key, value === true ? '' : value);
        }
        for (const child of children.flat()) {
            if (child !== null && child !== undefined && child !== false) el.append(child);
        }
        return el;
    }

    function problemText(data, status) {
        if (data && typeof data === 'object' && (data.detail || data.title)) return data.detail || data.title;
        if (status === 0) return 'the console could not be reached';
        return 'the server answered HTTP ' + status;
    }

    async function api(method, path, body, headers = {}) {
        const init = { method, headers: { Authorization: 'Bearer ' + state.token, Accept: 'application/json', ...headers } };
        if (body !== undefined) {
            init.headers['Content-Type'] = 'application/json';
            init.body = JSON.stringify(body);
        }
        let response;
        try {
            response = await fetch(path, init);
        } catch (e) {
            return { ok: false, status: 0, data: null };
        }
        let data = null;
        if ((response.headers.get('Content-Type') || '').includes('json')) {
            try {
                data = await response.json();
            } catch (e) {
                data = null;
            }
        }
        if (response.status === 401) showCredential('Your token was refused (it may have expired). Paste a new one.');
        return { ok: response.ok, status: response.status, data };
    }

    function accountPath(path) {
        return '/api/accounts/' + encodeURIComponent(state.account) + path;
    }

    function when(iso) {
        if (!iso) return '';
        const d = new Date(iso);
        const today = new Date();
        return d.toDateString() === today.toDateString()
            ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
            : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
    }

    function display(phone) {
        const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone || '');
        return m ? '+1 ' + m[1] + '-' + m[2] + '-' + m[3] : phone || '';
    }

    function duration(seconds) {
        if (seconds === null || seconds === undefined) return '';
        return Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
    }

    const STATUS = {
        QUEUED: 'Queued', ACCEPTED: 'Accepted by Twilio', SENT: 'Sent', DELIVERED: 'Delivered',
        UNDELIVERED: 'Not delivered', FAILED: 'Failed', REJECTED: 'Not sent',
    };

    function statusText(entry) {
        let text = STATUS[entry.status] || entry.status || '';
        if (entry.errorCode) text += ' (error ' + entry.errorCode + ')';
        if (entry.status === 'REJECTED' && entry.statusDetail) text += ': ' + entry.statusDetail;
        return text;
    }

    function senderText(sentBy) {
        if (!sentBy) return '';
        if (sentBy.kind === 'team') return sentBy.userId ? sentBy.userId + ' (team)' : 'Team';
        if (sentBy.kind === 'legacy_toggle') return 'Missed Call Text Back (legacy toggle)';
        return (sentBy.workflowName || 'Workflow') + (sentBy.stepId ? ' · ' + sentBy.stepId : '');
    }

    function lastText(last) {
        if (!last) return '';
        switch (last.kind) {
            case 'TEXT_IN': return last.body || '';
            case 'TEXT_OUT': return 'You: ' + (last.body || '');
            case 'CALL_MISSED': return 'Missed call';
            case 'CALL_ANSWERED': return 'Answered call';
            case 'VOICEMAIL': return 'Voicemail ' + duration(last.voicemail && last.voicemail.durationSeconds);
            case 'OPTED_OUT': return 'Opted out (' + (last.body || 'STOP') + ')';
            case 'OPTED_IN': return 'Opted back in';
            default: return '';
        }
    }

    // ---------------------------------------------------------------- sign-in

    function tokenAccount(token) {
        try {
            return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).account_id || null;
        } catch (e) {
            return null;
        }
    }

    function showCredential(message) {
        sessionStorage.removeItem(TOKEN_KEY);
        state.token = null;
        clearInterval(state.timer);
        $('#inbox').hidden = true;
        $('#credential').hidden = false;
        $('#change-credential').hidden = true;
        $('#account-id').value = state.account || '';
        $('#access-token').value = '';
        const banner = $('#page-message');
        banner.hidden = !message;
        banner.textContent = message || '';
        $('#main').setAttribute('aria-busy', 'false');
    }

    $('#credential-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const token = $('#access-token').value.trim().replace(/^Bearer\s+/i, '');
        const account = $('#account-id').value.trim() || tokenAccount(token) || '';
        $('#access-token-error').hidden = true;
        if (!account || token.split('.').length !== 3) {
            const error = $('#access-token-error');
            error.textContent = 'Enter the account ID and paste the whole token (three parts joined by dots).';
            error.hidden = false;
            return;
        }
        state.account = account;
        state.token = token;
        sessionStorage.setItem(TOKEN_KEY, token);
        sessionStorage.setItem(ACCOUNT_KEY, account);
        const url = new URL(location.href);
        url.searchParams.set('account', account);
        history.replaceState(null, '', url);
        openInbox();
    });

    $('#change-credential').addEventListener('click', () => showCredential(''));

    async function openInbox() {
        $('#credential').hidden = true;
        $('#page-message').hidden = true;
        $('#inbox').hidden = false;
        $('#change-credential').hidden = false;
        $('#account-badge').hidden = false;
        $('#account-badge').textContent = state.account;
        $('#settings-link').href = '/settings/business-profile?account=' + encodeURIComponent(state.account);
        await refresh();
        $('#main').setAttribute('aria-busy', 'false');
        clearInterval(state.timer);
        state.timer = setInterval(refresh, Number(cfg.pollMs) || 2000);
    }

    // ---------------------------------------------------------------- the list

    $('#unread-only').addEventListener('change', (event) => {
        state.unreadOnly = event.currentTarget.checked;
        state.shown = PAGE_SIZE;
        refresh();
    });

    $('#load-more').addEventListener('click', () => {
        state.shown += PAGE_SIZE;
        refresh();
    });

    async function refresh() {
        if (state.busy || !state.token) return;
        state.busy = true;
        try {
            await loadList();
            if (state.open) await loadThread(false);
        } finally {
            state.busy = false;
        }
    }

    async function loadList() {
        const response = await api('GET', accountPath('/conversations?limit=' + Math.min(state.shown, 100)
            + '&unread=' + state.unreadOnly));
        const status = $('#list-status');
        if (!response.ok) {
            status.textContent = 'The conversations cannot be shown right now: ' + problemText(response.data, response.status) + '.';
            return;
        }
        const page = response.data;
        status.textContent = page.conversations.length === 0
            ? (state.unreadOnly ? 'Nothing unread.' : 'No conversations yet: they start with a missed call or a text.')
            : '';
        const list = $('#conversation-list');
        list.replaceChildren(...page.conversations.map(renderSummary));
        $('#load-more').hidden = page.nextOffset === null || page.nextOffset === undefined;
    }

    function renderSummary(c) {
        const name = c.name || display(c.phone);
        const button = h('button', {
            type: 'button', class: 'conversation' + (c.unread > 0 ? ' unread' : ''), id: 'conversation-' + c.contactId,
            'data-contact-id': c.contactId, 'aria-current': state.open === c.contactId ? 'true' : 'false',
            onclick: () => openThread(c.contactId),
        },
        h('span', { class: 'conversation-name' }, name, c.optedOut ? h('span', { class: 'opted-out', text: 'Opted out' }) : null),
        h('span', { class: 'conversation-time', text: when(c.lastAt) }),
        h('span', { class: 'conversation-last', text: lastText(c.last) }),
        c.unread > 0 ? h('span', { class: 'unread-badge', 'aria-label': c.unread + ' unread', text: String(c.unread) }) : h('span'));
        return h('li', {}, button);
    }

    // ---------------------------------------------------------------- the thread

    $('#back-to-list').addEventListener('click', () => {
        $('#inbox').classList.remove('thread-open');
        $('#conversation-list').focus();
    });

    async function openThread(contactId) {
        if (state.open !== contactId) {
            state.open = contactId;
            state.entries = new Map();
            state.pendingKey = null;
            $('#thread').replaceChildren();
            $('#reply-body').value = '';
            $('#reply-result').textContent = '';
            $('#reply-meta').textContent = '';
        }
        $('#inbox').classList.add('thread-open');
        $('#reply-form').hidden = false;
        await loadThread(true);
        await loadList();
    }

    async function loadThread(focus) {
        const contactId = state.open;
        const response = await api('GET', accountPath('/conversations/' + contactId));
        if (contactId !== state.open) return;
        if (!response.ok) {
            $('#thread-meta').textContent = 'This conversation cannot be shown right now: '
                + problemText(response.data, response.status) + '.';
            return;
        }
        const t = response.data;
        $('#thread-title').textContent = t.name || display(t.phone);
        $('#thread-meta').textContent = display(t.phone) + (t.optedOut ? ' · opted out: texts are not sent' : '')
            + (t.whatsAppWindowUntil ? ' · WhatsApp open until ' + new Date(t.whatsAppWindowUntil).toLocaleString() : '');
        loadRecordings(contactId, t.phone);
        const thread = $('#thread');
        for (const entry of t.entries) {
            const shown = state.entries.get(entry.id);
            if (shown) {
                update(shown, entry);
            } else {
                const el = renderEntry(entry);
                state.entries.set(entry.id, el);
                thread.append(el);
                thread.scrollTop = thread.scrollHeight;
            }
        }
        if (t.unread > 0) {
            await api('POST', accountPath('/conversations/' + contactId + '/read'));
        }
        if (focus) $('#reply-body').focus();
    }

    function renderEntry(entry) {
        const li = h('li', { class: 'entry', 'data-kind': entry.kind, 'data-entry-id': String(entry.id) });
        switch (entry.kind) {
            case 'TEXT_IN':
            case 'TEXT_OUT': {
                li.classList.add(entry.kind === 'TEXT_IN' ? 'entry-in' : 'entry-out');
                li.append(h('div', { class: 'bubble', text: entry.body || '' }));
                const meta = h('div', { class: 'entry-meta' },
                    when(entry.at) + (entry.channel === 'WHATSAPP' ? ' · WhatsApp' : ''),
                    entry.kind === 'TEXT_OUT' ? ' · ' + senderText(entry.sentBy) + ' · ' : '',
                    entry.kind === 'TEXT_OUT' ? h('span', { class: 'entry-status status-' + String(entry.status).toLowerCase(), text: statusText(entry) }) : null);
                li.append(meta);
                break;
            }
            case 'VOICEMAIL': {
                li.classList.add('entry-in');
                const box = h('div', { class: 'voicemail' },
                    h('strong', { text: 'Voicemail ' + duration(entry.voicemail.durationSeconds) }));
                const audio = h('audio', { controls: true, preload: 'metadata', id: 'voicemail-' + entry.voicemail.recordingSid,
                    'aria-label': 'Voicemail, ' + duration(entry.voicemail.durationSeconds) });
                box.append(audio, h('p', { class: 'transcription' }), h('p', { class: 'voicemail-problem muted', role: 'status' }));
                li.append(box, h('div', { class: 'entry-meta', text: when(entry.at) }));
                loadAudio(audio, entry.voicemail.audioUrl, box);
                break;
            }
            default: {
                li.classList.add('entry-event');
                const labels = {
                    CALL_MISSED: 'Missed call' + (entry.dialStatus ? ' (' + entry.dialStatus + ')' : ''),
                    CALL_ANSWERED: 'Answered call',
                    OPTED_OUT: 'Opted out of texts (' + (entry.body || 'STOP') + ')',
                    OPTED_IN: 'Opted back in (' + (entry.body || 'START') + ')',
                };
                li.append(h('span', { text: (labels[entry.kind] || entry.kind) + ' · ' + when(entry.at) }));
            }
        }
        update(li, entry);
        return li;
    }

    function update(li, entry) {
        const status = $('.entry-status', li);
        if (status) {
            status.textContent = statusText(entry);
            status.className = 'entry-status status-' + String(entry.status).toLowerCase();
        }
        const transcription = $('.transcription', li);
        if (transcription && entry.voicemail) {
            const v = entry.voicemail;
            transcription.textContent = v.transcriptionStatus === 'completed' ? '“' + v.transcription + '”'
                : v.transcriptionStatus === 'failed' ? 'No transcription (Twilio could not transcribe it); listen above.'
                    : 'Transcription on its way…';
        }
    }

    // ---------------------------------------------------------------- the contact's recorded calls

    /** The team's names by user id (settings-service's users), asked once per page. */
    async function teamNames() {
        if (!state.team) {
            const response = await api('GET', accountPath('/users'));
            state.team = new Map(response.ok && Array.isArray(response.data)
                ? response.data.map((u) => [u.id, u.name || u.id]) : []);
        }
        return state.team;
    }

    function answeredByText(answeredBy, team) {
        if (!answeredBy) return 'not known';
        if (answeredBy.userId && team.has(answeredBy.userId)) return team.get(answeredBy.userId);
        return answeredBy.number ? display(answeredBy.number) : answeredBy.userId || 'not known';
    }

    /** call-gateway's recordings of calls with this contact: date, length, who answered, a player. */
    async function loadRecordings(contactId, phone) {
        const section = $('#recordings');
        const list = $('#recordings-list');
        const status = $('#recordings-status');
        if (state.recordingsFor === contactId) return;
        state.recordingsFor = contactId;
        list.replaceChildren();
        status.textContent = '';
        section.hidden = true;
        if (!phone) return;
        const [response, team] = await Promise.all([
            api('GET', accountPath('/recordings?contact=' + encodeURIComponent(phone))),
            teamNames(),
        ]);
        if (state.open !== contactId) return;
        if (!response.ok) {
            section.hidden = false;
            status.textContent = 'Recorded calls cannot be shown right now: ' + problemText(response.data, response.status) + '.';
            return;
        }
        const recordings = Array.isArray(response.data) ? response.data : [];
        if (!recordings.length) return;
        section.hidden = false;
        status.textContent = recordings.length === 1 ? '1 recorded call' : recordings.length + ' recorded calls';
        for (const r of recordings) {
            const who = answeredByText(r.answeredBy, team);
            const audio = h('audio', { controls: true, preload: 'metadata', id: 'recording-' + r.recordingSid,
                'aria-label': 'Recorded call of ' + new Date(r.startedAt).toLocaleString() + ', ' + duration(r.durationSeconds) + ', answered by ' + who });
            const box = h('li', { class: 'recording', 'data-recording-sid': r.recordingSid },
                h('div', { class: 'recording-meta' },
                    h('span', { class: 'recording-when', text: new Date(r.startedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) }),
                    ' · ', h('span', { class: 'recording-duration', text: duration(r.durationSeconds) }),
                    ' · answered by ', h('span', { class: 'recording-answered-by', text: who })),
                audio, h('p', { class: 'voicemail-problem muted', role: 'status' }));
            list.append(box);
            loadAudio(audio, r.audioUrl, box);
        }
    }

    /** An <audio src> cannot send the token: the recording is fetched with it and played from memory. */
    async function loadAudio(audio, url, box) {
        try {
            const response = await fetch(url, { headers: { Authorization: 'Bearer ' + state.token } });
            if (!response.ok) {
                let data = null;
                try {
                    data = await response.json();
                } catch (e) {
                    data = null;
                }
                $('.voicemail-problem', box).textContent = 'The recording cannot be played: ' + problemText(data, response.status) + '.';
                audio.hidden = true;
                return;
            }
            audio.src = URL.createObjectURL(await response.blob());
        } catch (e) {
            $('.voicemail-problem', box).textContent = 'The recording cannot be played: the console could not be reached.';
        }
    }

    // ---------------------------------------------------------------- the answer

    let segmentsTimer = null;
    $('#reply-body').addEventListener('input', () => {
        state.pendingKey = null;
        clearTimeout(segmentsTimer);
        segmentsTimer = setTimeout(countSegments, 250);
    });

    async function countSegments() {
        const body = $('#reply-body').value;
        const meta = $('#reply-meta');
        if (!body) {
            meta.textContent = '';
            return;
        }
        const response = await api('POST', '/api/messages/segments', { body });
        if (body !== $('#reply-body').value) return;
        meta.textContent = response.ok
            ? response.data.encoding + ' · ' + response.data.segments + ' segment' + (response.data.segments === 1 ? '' : 's')
                + ' · ' + response.data.characters + ' characters'
            : '';
    }

    function newKey() {
        if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
        return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    }

    $('#reply-form').addEventListener('submit', async (event) => {
        event.preventDefault();
        const body = $('#reply-body').value;
        const result = $('#reply-result');
        const send = $('#reply-send');
        // One key per text: a double click or a retry after an error sends it once.
        if (!state.pendingKey || state.pendingBody !== body) {
            state.pendingKey = newKey();
            state.pendingBody = body;
        }
        send.disabled = true;
        try {
            const response = await api('POST', accountPath('/conversations/' + state.open + '/messages'),
                { body, channel: $('#reply-channel').value }, { 'Idempotency-Key': state.pendingKey });
            if (response.ok) {
                result.className = 'result result-success';
                result.setAttribute('role', 'status');
                result.textContent = 'Sent to Twilio’s queue.';
                $('#reply-body').value = '';
                $('#reply-meta').textContent = '';
                state.pendingKey = null;
                await loadThread(false);
            } else {
                result.className = 'result result-error';
                result.setAttribute('role', 'alert');
                result.textContent = 'Not sent: ' + problemText(response.data, response.status) + '.';
            }
        } finally {
            send.disabled = false;
        }
    });

    // ---------------------------------------------------------------- start

    const params = new URLSearchParams(location.search);
    state.account = params.get('account') || sessionStorage.getItem(ACCOUNT_KEY);
    state.token = sessionStorage.getItem(TOKEN_KEY);
    if (state.token && !state.account) state.account = tokenAccount(state.token);
    if (state.token && state.account
        && (!params.get('account') || params.get('account') === sessionStorage.getItem(ACCOUNT_KEY))) {
        openInbox();
    } else {
        showCredential('');
    }
})();
