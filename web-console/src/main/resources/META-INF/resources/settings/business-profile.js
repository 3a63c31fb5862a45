// The Business Profile page: reads and saves everything through the console's /api (passed on to the service that
// owns each path) with the account's bearer token.
// No framework: a few helpers, one function per section. Every rule (ranges, limits, validation) is the server's; the
// page shows what the server says next to the field it names.
'use strict';

(() => {
    const TOKEN_KEY = 'mctb.settings.token';
    const ACCOUNT_KEY = 'mctb.settings.account';
    const cfg = document.body.dataset;
    const $ = (selector, root = document) => root.querySelector(selector);
    const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

    const state = { account: null, token: null, profile: null, numbers: [], callSettings: null, legacy: null };

    // ---------------------------------------------------------------- small helpers

    /** h('p', {class: 'x', text: 'y'}, child…): an element. */
    function h(tag, attrs = {}, ...children) {
        const el = document.createElement(tag);
        for (const [key, value] of Object.entries(attrs)) {
            if (value === null || value === undefined || value === false) continue;
            if (key === 'text') el.textContent = value;
            else if (key === 'class') el.className = value;
            else if (key.startsWith('on')) el.addEventListener(key.substring(2), value);
            else if (key in el && typeof value !== 'string') el[key] = value;
            else el.setAttribute(key, value === true ? '' : value);
        }
        for (const child of children.flat()) {
            if (child !== null && child !== undefined && child !== false) el.append(child);
        }
        return el;
    }

    function slug(text) {
        return String(text)
            .replace(/[^A-Za-z0-9]+/g, '-')
            .replace(/^-|-$/g, '');
    }

    function plural(n, word) {
        return n + ' ' + word + (n === 1 ? '' : 's');
    }

    function seconds(value) {
        if (value === null || value === undefined) return '';
        if (value < 60) return Math.round(value * 10) / 10 + ' s';
        const whole = Math.round(value);
        return Math.floor(whole / 60) + ':' + String(whole % 60).padStart(2, '0') + ' min';
    }

    function bytes(n) {
        if (n < 1024) return n + ' bytes';
        if (n < 1024 * 1024) return Math.round(n / 1024) + ' KB';
        return Math.round(n / 104857.6) / 10 + ' MB';
    }

    function sourceLabel(source, userId) {
        switch (source) {
            case 'NUMBER':
                return 'this number';
            case 'USER':
                return userId ? 'user ' + userId : 'its user';
            case 'ACCOUNT':
                return 'your account';
            default:
                return 'system default';
        }
    }

    function problemText(data, status) {
        if (data && typeof data === 'object' && (data.detail || data.title)) return data.detail || data.title;
        if (status === 0) return 'the server could not be reached';
        return 'the server answered HTTP ' + status;
    }

    // ---------------------------------------------------------------- the API

    function apiPath(path) {
        return '/api/accounts/' + encodeURIComponent(state.account) + path;
    }

    /** Calls the API as the account: {ok, status, data}. A refused credential brings back the sign-in form. */
    async function api(method, path, body) {
        const headers = { Authorization: 'Bearer ' + state.token, Accept: 'application/json' };
        const init = { method, headers };
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
            init.body = JSON.stringify(body);
        }
        let response;
        try {
            response = await fetch(apiPath(path), init);
        } catch (e) {
            return { ok: false, status: 0, data: null };
        }
        let data = null;
        const type = response.headers.get('Content-Type') || '';
        if (type.includes('json')) {
            try {
                data = await response.json();
            } catch (e) {
                data = null;
            }
        }
        if (response.status === 401 || (response.status === 403 && !path.startsWith('/workflows'))) {
            showCredential(
                response.status === 401
                    ? 'Your token was refused (it may have expired). Paste a new one.'
                    : 'This token is not for account ' + state.account + '.',
            );
        }
        return { ok: response.ok, status: response.status, data };
    }

    // ---------------------------------------------------------------- messages and field errors

    function showResult(el, kind, text) {
        el.textContent = text;
        el.className = 'result result-' + kind;
        el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    }

    function clearErrors(root) {
        for (const p of $$('.field-error', root)) {
            p.hidden = true;
            p.textContent = '';
        }
        for (const el of $$('[aria-invalid]', root)) el.removeAttribute('aria-invalid');
    }

    function fieldError(errorEl, message, inputEl) {
        errorEl.textContent = message;
        errorEl.hidden = false;
        if (inputEl) inputEl.setAttribute('aria-invalid', 'true');
    }

    /**
     * Shows a refusal: each error next to the field it names (place(field) → [errorEl, inputEl] or null), the rest
     * in the result line. Focus goes to the first field named.
     */
    function showProblem(result, response, place, what) {
        const errors = response.data && Array.isArray(response.data.errors) ? response.data.errors : [];
        let first = null;
        const unplaced = [];
        for (const error of errors) {
            const spot = place(error.field || '');
            if (spot) {
                const [errorEl, inputEl] = spot;
                const text = errorEl.hidden ? error.message : errorEl.textContent + ' ' + error.message;
                fieldError(errorEl, text, inputEl);
                first = first || inputEl;
            } else {
                unplaced.push((error.field ? error.field + ': ' : '') + error.message);
            }
        }
        const detail =
            errors.length && !unplaced.length
                ? 'check the field' + (errors.length > 1 ? 's' : '') + ' marked below'
                : unplaced.length
                  ? unplaced.join('; ')
                  : problemText(response.data, response.status);
        showResult(result, 'error', what + ' not saved: ' + detail + '.');
        if (first) first.focus();
    }

    // ---------------------------------------------------------------- the credential

    function tokenAccount(token) {
        try {
            const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
            return payload.account_id || null;
        } catch (e) {
            return null;
        }
    }

    function showCredential(message) {
        sessionStorage.removeItem(TOKEN_KEY);
        state.token = null;
        $('#settings').hidden = true;
        $('#credential').hidden = false;
        $('#change-credential').hidden = true;
        $('#account-id').value = state.account || '';
        $('#access-token').value = '';
        const banner = $('#page-message');
        banner.hidden = !message;
        banner.textContent = message || '';
        (state.account ? $('#access-token') : $('#account-id')).focus();
    }

    $('#credential-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        clearErrors(form);
        const token = $('#access-token')
            .value.trim()
            .replace(/^Bearer\s+/i, '');
        const account = $('#account-id').value.trim() || tokenAccount(token) || '';
        let ok = true;
        if (!account) {
            fieldError($('#account-id-error'), 'Enter the account ID (e.g. glow).', $('#account-id'));
            ok = false;
        }
        if (token.split('.').length !== 3) {
            fieldError(
                $('#access-token-error'),
                'This is not a token: paste the whole JWT (three parts joined by dots).',
                $('#access-token'),
            );
            ok = false;
        }
        if (!ok) return;
        state.account = account;
        state.token = token;
        sessionStorage.setItem(TOKEN_KEY, token);
        sessionStorage.setItem(ACCOUNT_KEY, account);
        const url = new URL(location.href);
        url.searchParams.set('account', account);
        history.replaceState(null, '', url);
        openSettings();
    });

    $('#change-credential').addEventListener('click', () => showCredential(''));

    function openSettings() {
        $('#credential').hidden = true;
        $('#page-message').hidden = true;
        $('#settings').hidden = false;
        $('#change-credential').hidden = false;
        loadAll();
    }

    // ---------------------------------------------------------------- loading

    async function loadAll() {
        const main = $('#main');
        main.setAttribute('aria-busy', 'true');
        try {
            await loadSections();
        } finally {
            main.setAttribute('aria-busy', 'false');
        }
    }

    async function loadSections() {
        const profile = await api('GET', '');
        if (!state.token) return;
        const others = $$('#settings > section:not(#profile)');
        if (profile.status === 404) {
            state.profile = null;
            renderProfile(null);
            for (const section of others) section.hidden = true;
            showResult(
                $('#profile-result'),
                'info',
                'No Business Profile yet for account ' +
                    state.account +
                    ': enter the name and time zone and save to create it.',
            );
            return;
        }
        if (!profile.ok) {
            showResult(
                $('#profile-result'),
                'error',
                'Could not load the Business Profile: ' + problemText(profile.data, profile.status) + '.',
            );
            return;
        }
        for (const section of others) section.hidden = false;
        renderProfile(profile.data);
        const [numbers, callSettings, hours, legacy, twilio, users] = await Promise.all([
            api('GET', '/numbers'),
            api('GET', '/call-settings'),
            api('GET', '/business-hours'),
            api('GET', '/legacy-text-back'),
            api('GET', '/twilio'),
            api('GET', '/users'),
        ]);
        state.numbers = numbers.ok ? numbers.data : [];
        state.users = users.ok ? users.data : [];
        renderTwilioAccount(twilio);
        if (callSettings.ok) renderCallSettings(callSettings.data);
        if (hours.ok) renderHours(hours.data);
        if (legacy.ok) renderLegacy(legacy.data);
        renderNumbers();
        loadWorkflow();
        await Promise.all([refreshEffective(), loadHoursStatus()]);
    }

    // ---------------------------------------------------------------- Business Profile

    function renderProfile(profile) {
        state.profile = profile;
        $('#business-name').value = profile ? profile.businessName : '';
        const zone = profile ? profile.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone;
        const select = $('#time-zone');
        if (zone && !$$('option', select).some((o) => o.value === zone))
            select.append(h('option', { value: zone, text: zone }));
        select.value = zone || '';
        const badge = $('#account-badge');
        badge.hidden = false;
        badge.textContent = profile ? profile.businessName + ' · ' + state.account : 'Account ' + state.account;
    }

    $('#profile-form').addEventListener('submit', async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const result = $('#profile-result');
        clearErrors(form);
        const body = { businessName: $('#business-name').value.trim(), timeZone: $('#time-zone').value };
        const response = await api('PUT', '', body);
        if (response.ok) {
            const created = response.status === 201;
            showResult(result, 'success', created ? 'Business Profile created.' : 'Business Profile saved.');
            if (created) await loadAll();
            else {
                renderProfile(response.data);
                loadHoursStatus();
            }
        } else {
            showProblem(
                result,
                response,
                (field) =>
                    field === 'businessName'
                        ? [$('#business-name-error'), $('#business-name')]
                        : field === 'timeZone'
                          ? [$('#time-zone-error'), $('#time-zone')]
                          : null,
                'Business Profile',
            );
        }
    });

    // ---------------------------------------------------------------- business hours

    let intervalIds = 0;

    function intervalRow(label, interval) {
        const n = ++intervalIds;
        const opens = h('input', {
            type: 'time',
            id: 'iv-' + n + '-opens',
            class: 'opens',
            value: interval.opens,
            required: true,
        });
        const closes = h('input', {
            type: 'time',
            id: 'iv-' + n + '-closes',
            class: 'closes',
            value: interval.closes,
            required: true,
        });
        const row = h(
            'div',
            { class: 'interval' },
            h(
                'label',
                { for: opens.id },
                h('span', { class: 'visually-hidden', text: label + ' ' }),
                h('span', { class: 'interval-word', text: 'Opens' }),
            ),
            opens,
            h('span', { class: 'interval-dash', 'aria-hidden': 'true', text: '–' }),
            h(
                'label',
                { for: closes.id },
                h('span', { class: 'visually-hidden', text: label + ' ' }),
                h('span', { class: 'interval-word', text: 'Closes' }),
            ),
            closes,
        );
        row.append(
            h('button', {
                type: 'button',
                class: 'icon-button',
                'aria-label': 'Remove this ' + label + ' shift',
                text: '×',
                onclick: () => {
                    const list = row.parentElement;
                    row.remove();
                    list.dispatchEvent(new Event('intervals-changed', { bubbles: true }));
                },
            }),
        );
        return row;
    }

    function readIntervals(list) {
        return $$('.interval', list).map((row) => ({ opens: $('.opens', row).value, closes: $('.closes', row).value }));
    }

    function setDay(day, intervals) {
        const open = $('.day-open', day);
        const list = $('.intervals', day);
        list.replaceChildren(...intervals.map((interval) => intervalRow(day.dataset.label, interval)));
        open.checked = intervals.length > 0;
        syncDay(day);
    }

    function syncDay(day) {
        const open = $('.day-open', day).checked;
        $('.add-interval', day).hidden = !open;
        day.classList.toggle('day-closed', !open);
        if (!open) $('.intervals', day).replaceChildren(h('span', { class: 'muted', text: 'Closed' }));
    }

    for (const day of $$('.day')) {
        $('.day-open', day).addEventListener('change', () => {
            const list = $('.intervals', day);
            if ($('.day-open', day).checked)
                list.replaceChildren(intervalRow(day.dataset.label, { opens: '09:00', closes: '17:00' }));
            syncDay(day);
        });
        $('.add-interval', day).addEventListener('click', () => {
            const list = $('.intervals', day);
            const last = readIntervals(list).pop();
            const row = intervalRow(
                day.dataset.label,
                last ? { opens: last.closes, closes: '' } : { opens: '09:00', closes: '17:00' },
            );
            list.append(row);
            $('input', row).focus();
        });
        $('.intervals', day).addEventListener('intervals-changed', () => {
            if (!readIntervals($('.intervals', day)).length) {
                $('.day-open', day).checked = false;
                syncDay(day);
            }
        });
    }

    let exceptionIds = 0;

    function exceptionRow(exception) {
        const n = ++exceptionIds;
        const closed = !exception.intervals || exception.intervals.length === 0;
        const date = h('input', {
            type: 'date',
            id: 'ex-' + n + '-date',
            class: 'ex-date',
            value: exception.date || '',
        });
        const label = h('input', {
            type: 'text',
            id: 'ex-' + n + '-label',
            class: 'ex-label',
            maxlength: '100',
            placeholder: 'e.g. Christmas',
            value: exception.label || '',
        });
        const closedBox = h('input', {
            type: 'checkbox',
            id: 'ex-' + n + '-closed',
            class: 'ex-closed',
            checked: closed,
        });
        const list = h('div', { class: 'intervals' });
        const addHours = h('button', { type: 'button', class: 'button button-small', text: '+ Hours' });
        const error = h('p', { class: 'field-error', hidden: true });
        const row = h(
            'li',
            { class: 'exception' },
            h(
                'div',
                { class: 'exception-fields' },
                h('div', { class: 'field' }, h('label', { for: date.id, text: 'Date' }), date),
                h('div', { class: 'field' }, h('label', { for: label.id, text: 'Name' }), label),
                h(
                    'div',
                    { class: 'field field-check' },
                    closedBox,
                    h('label', { for: closedBox.id, text: 'Closed all day' }),
                ),
                h('button', {
                    type: 'button',
                    class: 'icon-button',
                    'aria-label': 'Remove this holiday',
                    text: '×',
                    onclick: () => row.remove(),
                }),
            ),
            list,
            addHours,
            error,
        );
        const sync = () => {
            list.hidden = closedBox.checked;
            addHours.hidden = closedBox.checked;
            if (!closedBox.checked && !readIntervals(list).length)
                list.append(intervalRow('holiday', { opens: '10:00', closes: '14:00' }));
        };
        for (const interval of exception.intervals || []) list.append(intervalRow('holiday', interval));
        closedBox.addEventListener('change', sync);
        addHours.addEventListener('click', () => list.append(intervalRow('holiday', { opens: '', closes: '' })));
        list.addEventListener('intervals-changed', () => {
            if (!readIntervals(list).length) {
                closedBox.checked = true;
                sync();
            }
        });
        sync();
        return row;
    }

    function renderHours(hours) {
        $('#hours-always').checked = !hours.set;
        $('#hours-set').checked = hours.set;
        for (const day of $$('.day')) {
            const intervals = hours.set
                ? hours.weekly[day.dataset.day] || []
                : ['saturday', 'sunday'].includes(day.dataset.day)
                  ? []
                  : [{ opens: '09:00', closes: '17:00' }];
            setDay(day, intervals);
        }
        $('#exceptions').replaceChildren(...hours.exceptions.map(exceptionRow));
        syncHoursMode();
    }

    function syncHoursMode() {
        $('#hours-editor').hidden = !$('#hours-set').checked;
    }

    $('#hours-always').addEventListener('change', syncHoursMode);
    $('#hours-set').addEventListener('change', syncHoursMode);
    $('#add-exception').addEventListener('click', () => {
        const row = exceptionRow({ date: '', intervals: [], label: '' });
        $('#exceptions').append(row);
        $('input', row).focus();
    });

    async function loadHoursStatus() {
        const pill = $('#hours-status');
        const response = await api('GET', '/business-hours/status');
        if (!response.ok) {
            pill.hidden = true;
            return;
        }
        const s = response.data;
        pill.hidden = false;
        pill.className = 'pill ' + (s.open ? 'pill-on' : 'pill-off');
        if (!s.hoursSet) {
            pill.textContent = 'Always open';
            return;
        }
        const next = s.nextChangeLocal ? ' · ' + (s.open ? 'closes ' : 'opens ') + localWhen(s.nextChangeLocal) : '';
        pill.textContent = (s.open ? 'Open now' : 'Closed now') + next;
    }

    function localWhen(local) {
        const [date, time] = local.split('T');
        const [y, m, d] = date.split('-').map(Number);
        const day = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });
        return day + ' ' + time.substring(0, 5);
    }

    $('#hours-form').addEventListener('submit', async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const result = $('#hours-result');
        clearErrors(form);
        let response;
        if ($('#hours-always').checked) {
            response = await api('DELETE', '/business-hours');
        } else {
            const weekly = {};
            for (const day of $$('.day'))
                weekly[day.dataset.day] = $('.day-open', day).checked ? readIntervals($('.intervals', day)) : [];
            const exceptions = $$('#exceptions .exception').map((row) => ({
                date: $('.ex-date', row).value,
                label: $('.ex-label', row).value.trim() || null,
                intervals: $('.ex-closed', row).checked ? [] : readIntervals($('.intervals', row)),
            }));
            response = await api('PUT', '/business-hours', { weekly, exceptions });
        }
        if (response.ok) {
            if (response.data) renderHours(response.data);
            else renderHours({ set: false, weekly: {}, exceptions: [] });
            showResult(result, 'success', $('#hours-always').checked ? 'Saved: always open.' : 'Business hours saved.');
            loadHoursStatus();
        } else {
            showProblem(
                result,
                response,
                (field) => {
                    const dayMatch = field.match(/^weekly\.([a-z]+)/);
                    if (dayMatch) {
                        const day = $('.day[data-day="' + dayMatch[1] + '"]');
                        return day ? [$('.day-error', day), $('input', day)] : null;
                    }
                    const exMatch = field.match(/^exceptions\[(\d+)\]/);
                    if (exMatch) {
                        const row = $$('#exceptions .exception')[Number(exMatch[1])];
                        return row ? [$('.field-error', row), $('.ex-date', row)] : null;
                    }
                    return null;
                },
                'Business hours',
            );
        }
    });

    // ---------------------------------------------------------------- call settings (account level)

    function updateTimeoutWarning(serverWarnings) {
        const warning = $('#timeout-warning');
        const value = Number($('#timeout').value);
        let text = '';
        if (serverWarnings && serverWarnings.length) text = serverWarnings.join(' ');
        else if ($('#timeout').value !== '' && Number.isFinite(value)) {
            if (value > Number(cfg.recommendedMax)) text = cfg.longTimeoutWarning;
            else if (value < Number(cfg.recommendedMin) && value >= Number(cfg.timeoutMin))
                text = cfg.shortTimeoutWarning;
        }
        warning.textContent = text;
        warning.hidden = !text;
    }

    $('#timeout').addEventListener('input', () => updateTimeoutWarning());

    function fillNumberSelect(select, firstLabel) {
        const current = select.value;
        select.replaceChildren(
            h('option', { value: '', text: firstLabel }),
            ...state.numbers.map((n) =>
                h('option', { value: n.number, text: n.number + (n.isDefault ? ' (default)' : '') }),
            ),
        );
        select.value = current;
    }

    function renderCallSettings(settings) {
        state.callSettings = settings;
        $('#timeout').value = settings.timeoutSeconds ?? '';
        $('#timeout').placeholder = cfg.systemTimeout;
        $('#forward-to').value = (settings.forwardTo || []).join('\n');
        fillNumberSelect($('#caller-id'), "The caller's own number");
        $('#caller-id').value = settings.callerId || '';
        $('#answer-on-bridge').checked = settings.answerOnBridge !== false;
        updateTimeoutWarning(settings.warnings);
        accountGreeting.render(settings.greeting);
    }

    function readForwardTo(textarea) {
        return textarea.value
            .split(/[\n,]+/)
            .map((s) => s.trim())
            .filter(Boolean);
    }

    function timeoutValue(input) {
        const raw = input.value.trim();
        if (raw === '') return null;
        const n = Number(raw);
        return Number.isInteger(n) ? n : raw;
    }

    $('#call-settings-form').addEventListener('submit', async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const result = $('#call-settings-result');
        clearErrors(form);
        const before = state.callSettings || {};
        const forwardTo = readForwardTo($('#forward-to'));
        const answerOnBridge = $('#answer-on-bridge').checked;
        const body = {
            timeoutSeconds: timeoutValue($('#timeout')),
            forwardTo: forwardTo.length ? forwardTo : before.forwardTo == null ? null : [],
            callerId: $('#caller-id').value || null,
            // Left as inherited (null) unless it was changed from what applies.
            answerOnBridge: before.answerOnBridge == null && answerOnBridge ? null : answerOnBridge,
            // A PUT replaces the whole level: what this form does not show (the account's default ring pattern,
            // consent text and recording retention, set in the API) is sent back as it was, not erased.
            humanAnswerConfirmation: before.humanAnswerConfirmation ?? null,
            ringPattern: before.ringPattern ?? null,
            recordCalls: before.recordCalls ?? null,
            consentText: before.consentText ?? null,
            recordingRetentionDays: before.recordingRetentionDays ?? null,
        };
        const response = await api('PUT', '/call-settings', body);
        if (response.ok) {
            renderCallSettings(response.data);
            const warned = response.data.warnings && response.data.warnings.length;
            showResult(
                result,
                warned ? 'warning' : 'success',
                warned
                    ? 'Call settings saved, with a warning: see the timeout above.'
                    : 'Call settings saved: calls ring for ' + response.data.timeoutSeconds + ' seconds.',
            );
            refreshEffective();
        } else {
            showProblem(
                result,
                response,
                (field) => {
                    if (field.startsWith('timeoutSeconds')) return [$('#timeout-error'), $('#timeout')];
                    if (field.startsWith('forwardTo')) return [$('#forward-to-error'), $('#forward-to')];
                    if (field.startsWith('callerId')) return [$('#caller-id-error'), $('#caller-id')];
                    return null;
                },
                'Call settings',
            );
            $('#timeout-warning').hidden = true;
        }
    });

    // ---------------------------------------------------------------- greetings (any level)

    const GREETING = {
        segment: 'greeting',
        idPrefix: 'greeting-',
        noun: 'greeting',
        title: 'Greeting',
        article: 'a greeting',
        empty: 'No custom greeting: callers hear the spoken default.',
    };
    const CONSENT_AUDIO = {
        segment: 'consent-audio',
        idPrefix: 'consent-',
        noun: 'consent audio',
        title: 'Consent audio',
        article: 'consent audio',
        empty: 'No consent audio: the consent text is spoken.',
    };

    /**
     * A level's greeting: what is stored (with a player), upload with progress, remove. levelPath is the level's
     * call-settings path under the account ("call-settings", "numbers/+1555…/call-settings"). kind: a greeting, or
     * the recording consent audio (the same upload, checks and preview under …/consent-audio).
     */
    function greetingWidget(container, levelPath, name, onChange, kind = GREETING) {
        const id = kind.idPrefix + slug(name);
        const current = h('div', { class: 'greeting-current', id: id + '-current' });
        const file = h('input', {
            type: 'file',
            id: id + '-file',
            accept: '.mp3,.wav,audio/mpeg,audio/wav,audio/x-wav',
            'aria-describedby': id + '-progress-text ' + id + '-error',
        });
        const progress = h('progress', {
            id: id + '-progress',
            max: '100',
            value: '0',
            'aria-label': 'Upload progress',
        });
        const progressText = h('span', { id: id + '-progress-text', class: 'progress-text' });
        const progressRow = h('div', { class: 'progress-row', hidden: true }, progress, progressText);
        const error = h('p', { id: id + '-error', class: 'field-error', hidden: true });
        const result = h('p', { id: id + '-result', class: 'result', role: 'status', 'aria-live': 'polite' });
        const uploadLabel = h('label', { for: file.id, class: 'file-label' });
        container.replaceChildren(
            current,
            h('div', { class: 'field greeting-upload' }, uploadLabel, file, progressRow, error, result),
        );
        let objectUrl = null;

        function render(greeting) {
            if (objectUrl) {
                URL.revokeObjectURL(objectUrl);
                objectUrl = null;
            }
            uploadLabel.textContent = greeting
                ? 'Replace the ' + name + ' ' + kind.noun
                : 'Upload ' + kind.article + ' for the ' + name;
            if (!greeting) {
                current.replaceChildren(
                    h('p', {
                        class: 'greeting-empty',
                        text: container.dataset.emptyText || kind.empty,
                    }),
                );
                return;
            }
            const audio = h('audio', {
                id: id + '-audio',
                controls: true,
                preload: 'auto',
                'aria-label': 'Preview the ' + name + ' ' + kind.noun,
            });
            const when = new Date(greeting.uploadedAt);
            current.replaceChildren(
                h(
                    'div',
                    { class: 'greeting-file' },
                    h(
                        'div',
                        { class: 'greeting-meta' },
                        h('span', { class: 'badge', text: greeting.format }),
                        h('span', {
                            id: id + '-duration',
                            class: 'greeting-duration',
                            text: seconds(greeting.durationSeconds),
                        }),
                        h('span', {
                            class: 'muted',
                            text: bytes(greeting.sizeBytes) + ' · uploaded ' + when.toLocaleString(),
                        }),
                    ),
                    audio,
                    h('button', {
                        type: 'button',
                        id: id + '-remove',
                        class: 'button button-small button-danger',
                        text: 'Remove ' + kind.noun,
                        onclick: remove,
                    }),
                ),
            );
            // The preview needs the token, which an <audio src> cannot send: fetch it, and play it from memory.
            fetch(greeting.previewUrl, { headers: { Authorization: 'Bearer ' + state.token } })
                .then((r) => (r.ok ? r.blob() : Promise.reject(new Error('HTTP ' + r.status))))
                .then((blob) => {
                    objectUrl = URL.createObjectURL(blob);
                    audio.src = objectUrl;
                })
                .catch((e) =>
                    showResult(result, 'error', 'The ' + kind.noun + ' could not be loaded for preview (' + e.message + ').'),
                );
        }

        async function remove() {
            clearErrors(container);
            const response = await api('DELETE', '/' + levelPath + '/' + kind.segment);
            if (response.ok || response.status === 404) {
                render(null);
                showResult(result, 'success', kind.title + ' removed.');
                onChange(null);
            } else {
                showResult(
                    result,
                    'error',
                    '' + kind.title + ' not removed: ' + problemText(response.data, response.status) + '.',
                );
            }
        }

        file.addEventListener('change', () => {
            const chosen = file.files[0];
            if (!chosen) return;
            clearErrors(container);
            result.textContent = '';
            const form = new FormData();
            form.append('file', chosen, chosen.name);
            const xhr = new XMLHttpRequest();
            xhr.open('PUT', apiPath('/' + levelPath + '/' + kind.segment));
            xhr.setRequestHeader('Authorization', 'Bearer ' + state.token);
            xhr.setRequestHeader('Accept', 'application/json');
            progressRow.hidden = false;
            progress.value = 0;
            progressText.textContent = 'Uploading ' + chosen.name + '… 0%';
            xhr.upload.addEventListener('progress', (e) => {
                if (!e.lengthComputable) return;
                const pct = Math.round((e.loaded / e.total) * 100);
                progress.value = pct;
                progressText.textContent = 'Uploading ' + chosen.name + '… ' + pct + '%';
            });
            xhr.addEventListener('load', () => {
                let data = null;
                try {
                    data = JSON.parse(xhr.responseText);
                } catch (e) {
                    data = null;
                }
                file.value = '';
                if (xhr.status === 200 || xhr.status === 201) {
                    progress.value = 100;
                    progressText.textContent = 'Uploaded ' + chosen.name + ' · 100%';
                    render(data);
                    showResult(
                        result,
                        'success',
                        kind.title + ' uploaded: ' + data.format + ', ' + seconds(data.durationSeconds) + '.',
                    );
                    onChange(data);
                } else {
                    progressRow.hidden = true;
                    if (xhr.status === 401) {
                        showCredential('Your token was refused (it may have expired). Paste a new one.');
                        return;
                    }
                    const reason =
                        data && data.errors && data.errors.length
                            ? data.errors[0].message
                            : problemText(data, xhr.status);
                    fieldError(error, chosen.name + ' was not accepted: ' + reason + '.', file);
                    file.focus();
                }
            });
            xhr.addEventListener('error', () => {
                progressRow.hidden = true;
                fieldError(error, 'The upload failed: the server could not be reached.', file);
            });
            xhr.send(form);
        });

        return { render };
    }

    const accountGreeting = greetingWidget($('#account-greeting'), 'call-settings', 'account', () => {
        refreshEffective();
    });

    // ---------------------------------------------------------------- effective settings

    function effectiveRows(eff, withHuman) {
        const rows = [
            ['Incoming call timeout', eff.timeoutSeconds.value + ' seconds', eff.timeoutSeconds.source],
            [
                'Phones that ring',
                eff.forwardTo.value.length ? eff.forwardTo.value.join(', ') : 'no phones (straight to voicemail)',
                eff.forwardTo.source,
            ],
            ['Caller ID', eff.callerId.value || "the caller's own number", eff.callerId.source],
            [
                'While ringing',
                eff.answerOnBridge.value ? 'callers hear ringing' : 'callers hear silence',
                eff.answerOnBridge.source,
            ],
            [
                'Voicemail greeting',
                eff.greeting.value
                    ? eff.greeting.value.format + ', ' + seconds(eff.greeting.value.durationSeconds)
                    : 'spoken default',
                eff.greeting.value ? eff.greeting.source : 'SYSTEM',
            ],
        ];
        if (withHuman) {
            rows.push([
                'Press a key to accept',
                eff.humanAnswerConfirmation.value ? 'on' : 'off',
                eff.humanAnswerConfirmation.source,
            ]);
            if (eff.ringPattern) {
                rows.push([
                    'Ring pattern',
                    ringPatternText(eff.ringPattern.value) +
                        ' · ringing ' + eff.ringingSecondsBeforeVoicemail + ' s before voicemail',
                    eff.ringPattern.source,
                ]);
            }
            if (eff.recordCalls) {
                rows.push([
                    'Call recording',
                    eff.recordCalls.value
                        ? 'on · consent: ' +
                              (eff.consentAudio && eff.consentAudio.value
                                  ? 'audio, ' + seconds(eff.consentAudio.value.durationSeconds)
                                  : '"' + eff.consentText.value + '"')
                        : 'off',
                    eff.recordCalls.source,
                ]);
            }
        }
        return rows.flatMap(([name, value, source]) => [
            h('dt', { text: name }),
            h(
                'dd',
                {},
                h('span', { class: 'value', text: value }),
                ' ',
                h('span', {
                    class: 'source source-' + source.toLowerCase(),
                    text: 'from ' + sourceLabel(source, eff.userId),
                }),
            ),
        ]);
    }

    function userName(userId) {
        const user = (state.users || []).find((u) => u.id === userId);
        return user && user.name ? user.name : userId;
    }

    function ringPatternText(pattern) {
        if (!pattern.targets.length) return 'nobody is rung';
        const names = pattern.targets.map(
            (t) => (t.userId ? userName(t.userId) : t.number) + (t.ringSeconds ? ' ' + t.ringSeconds + ' s' : ''),
        );
        return pattern.mode === 'SEQUENTIAL' ? 'one after another: ' + names.join(', then ') : 'together: ' + names.join(', ');
    }

    async function refreshEffective() {
        const response = await api('GET', '/call-settings/effective');
        if (response.ok) $('#account-effective').replaceChildren(...effectiveRows(response.data, false));
        await Promise.all($$('#numbers-list > li').map((item) => (item.refresh ? item.refresh() : null)));
    }


    // ---------------------------------------------------------------- a number's ring pattern

    /**
     * Who a call to a number rings: inherited, all together, or one after another with a ring time each. Targets are
     * phone numbers or team members (settings-service's users; their mobile is rung). The preview is how long a
     * caller hears ringing before voicemail: sequential, the ring times added up (never past the call timeout);
     * simultaneous, the call timeout. The rules themselves are settings-service's: its 400s are shown at the field.
     */
    function ringPatternEditor(formId, timeoutNow) {
        const mode = h(
            'select',
            { id: formId + '-ring-mode', 'aria-describedby': formId + '-ring-error' },
            h('option', { value: '', text: 'Inherited (the phones above, rung together)' }),
            h('option', { value: 'SIMULTANEOUS', text: 'Ring all together' }),
            h('option', { value: 'SEQUENTIAL', text: 'Ring one after another' }),
        );
        const list = h('ol', { class: 'ring-targets', id: formId + '-ring-targets', 'aria-label': 'Ring order' });
        const add = h('button', {
            type: 'button',
            id: formId + '-ring-add',
            class: 'button button-small',
            text: 'Add a target',
        });
        const error = h('p', { id: formId + '-ring-error', class: 'field-error', hidden: true });
        const preview = h('p', { id: formId + '-ring-preview', class: 'ring-preview', 'aria-live': 'polite' });
        const rows = [];

        function row(target) {
            const i = rows.length;
            const base = formId + '-target-' + i;
            const kind = h(
                'select',
                { id: base + '-kind', 'aria-label': 'Target ' + (i + 1) + ': a phone number or a team member' },
                h('option', { value: 'number', text: 'Phone number' }),
                h('option', { value: 'user', text: 'Team member' }),
            );
            const number = h('input', {
                type: 'tel',
                id: base + '-number',
                inputmode: 'tel',
                placeholder: '+15551234567',
                'aria-label': 'Target ' + (i + 1) + ' phone number',
                'aria-describedby': base + '-error',
            });
            const user = h(
                'select',
                { id: base + '-user', 'aria-label': 'Target ' + (i + 1) + ' team member', 'aria-describedby': base + '-error' },
                ...(state.users || []).map((u) =>
                    h('option', { value: u.id, text: (u.name || u.id) + (u.mobile ? ' · ' + u.mobile : ' · no mobile') }),
                ),
            );
            const ring = h('input', {
                type: 'number',
                id: base + '-seconds',
                inputmode: 'numeric',
                min: '5',
                'aria-label': 'Target ' + (i + 1) + ' rings for (seconds)',
                'aria-describedby': base + '-error',
            });
            const ringLabel = h('span', { class: 'ring-seconds' }, ring, ' s');
            const up = h('button', { type: 'button', class: 'button button-small button-quiet', text: '↑', 'aria-label': 'Move target ' + (i + 1) + ' up' });
            const down = h('button', { type: 'button', class: 'button button-small button-quiet', text: '↓', 'aria-label': 'Move target ' + (i + 1) + ' down' });
            const remove = h('button', { type: 'button', class: 'button button-small button-quiet', text: 'Remove', 'aria-label': 'Remove target ' + (i + 1) });
            const rowError = h('p', { id: base + '-error', class: 'field-error', hidden: true });
            const li = h('li', { class: 'ring-target', id: base }, kind, number, user, ringLabel, up, down, remove, rowError);
            const r = { li, kind, number, user, ring, ringLabel, error: rowError };
            kind.value = target && target.userId ? 'user' : 'number';
            number.value = (target && target.number) || '';
            if (target && target.userId) user.value = target.userId;
            ring.value = target && target.ringSeconds ? target.ringSeconds : '';
            kind.addEventListener('change', sync);
            ring.addEventListener('input', sync);
            up.addEventListener('click', () => move(r, -1));
            down.addEventListener('click', () => move(r, 1));
            remove.addEventListener('click', () => {
                rows.splice(rows.indexOf(r), 1);
                rebuild(read().targets);
            });
            rows.push(r);
            return li;
        }

        function move(r, by) {
            const targets = read().targets;
            const at = rows.indexOf(r);
            const to = at + by;
            if (to < 0 || to >= targets.length) return;
            [targets[at], targets[to]] = [targets[to], targets[at]];
            rebuild(targets);
        }

        function rebuild(targets) {
            rows.length = 0;
            list.replaceChildren(...targets.map(row));
            sync();
        }

        function sync() {
            const sequential = mode.value === 'SEQUENTIAL';
            list.hidden = add.hidden = mode.value === '';
            for (const r of rows) {
                r.number.hidden = r.kind.value !== 'number';
                r.user.hidden = r.kind.value !== 'user';
                r.ringLabel.hidden = !sequential;
            }
            const timeout = timeoutNow();
            if (!mode.value || !timeout) {
                preview.textContent = timeout ? 'Callers hear ringing for up to ' + timeout + ' seconds before voicemail.' : '';
            } else if (sequential) {
                const sum = rows.reduce((total, r) => total + (parseInt(r.ring.value, 10) || 0), 0);
                preview.textContent =
                    'Callers hear ringing for ' +
                    Math.min(sum, timeout) +
                    ' seconds before voicemail (' +
                    rows.map((r) => (parseInt(r.ring.value, 10) || 0) + ' s').join(' + ') +
                    (sum > timeout ? ', cut at the ' + timeout + ' s call timeout' : '') +
                    ').';
            } else {
                preview.textContent =
                    'Callers hear ringing for ' + timeout + ' seconds before voicemail (the call timeout).';
            }
        }

        function read() {
            const sequential = mode.value === 'SEQUENTIAL';
            return {
                mode: mode.value,
                targets: rows.map((r) => {
                    const seconds = r.ring.value.trim() === '' ? null : Number(r.ring.value);
                    const t = r.kind.value === 'user' ? { userId: r.user.value || null } : { number: r.number.value.trim() };
                    t.ringSeconds = sequential ? seconds : null;
                    return t;
                }),
            };
        }

        mode.addEventListener('change', () => {
            if (mode.value && !rows.length) rebuild([{}]);
            else sync();
        });
        add.addEventListener('click', () => {
            rebuild(read().targets.concat([{}]));
            rows[rows.length - 1].kind.focus();
        });

        const fieldset = h(
            'fieldset',
            { class: 'ring-fieldset' },
            h('legend', { text: 'Ring pattern' }),
            h('div', { class: 'field' }, h('label', { for: mode.id, text: 'How the phones ring' }), mode, error),
            list,
            add,
            preview,
        );
        return {
            fieldset,
            sync,
            fill(pattern) {
                mode.value = pattern ? pattern.mode : '';
                rebuild(pattern ? pattern.targets : []);
            },
            /** The request's ringPattern: null inherits. */
            value() {
                const p = read();
                return p.mode ? p : null;
            },
            /** Where a settings-service error naming a ringPattern field is shown. */
            place(field) {
                const m = /^ringPattern\.targets\[(\d+)\](\.(number|userId|ringSeconds))?/.exec(field);
                if (m && rows[Number(m[1])]) {
                    const r = rows[Number(m[1])];
                    const input = m[3] === 'ringSeconds' ? r.ring : m[3] === 'userId' || r.kind.value === 'user' ? r.user : r.number;
                    return [r.error, input];
                }
                return field.startsWith('ringPattern') ? [error, mode] : null;
            },
        };
    }

    // ---------------------------------------------------------------- per-number overrides

    function renderNumbers() {
        const list = $('#numbers-list');
        $('#numbers-empty').hidden = state.numbers.length > 0;
        list.replaceChildren(...state.numbers.map(numberItem));
        for (const item of list.children) item.checkTwilio();
        fillNumberSelect($('#caller-id'), "The caller's own number");
        if (state.callSettings) $('#caller-id').value = state.callSettings.callerId || '';
    }

    function numberItem(number) {
        const key = slug(number.number);
        const twilioLine = h('div', { class: 'twilio-state', id: 'number-' + key + '-twilio' });
        renderNumberTwilio(twilioLine, number);
        const removeId = 'number-' + key + '-remove';
        const removeToggle = h('button', {
            type: 'button',
            class: 'button button-small button-quiet',
            'aria-expanded': 'false',
            'aria-controls': removeId,
            text: 'Remove',
        });
        const release = h('input', { type: 'checkbox', id: removeId + '-release' });
        const removeResult = h('p', { class: 'result', role: 'status', 'aria-live': 'polite' });
        const removeConfirm = h('button', {
            type: 'button',
            class: 'button button-small button-danger',
            id: removeId + '-confirm',
            text: 'Remove ' + number.number,
        });
        const removeCancel = h('button', { type: 'button', class: 'button button-small', text: 'Cancel' });
        const removeBox = h(
            'div',
            { class: 'number-remove stack', id: removeId, hidden: true },
            h(
                'p',
                {},
                'Calls and texts to ' +
                    number.number +
                    ' stop reaching this account. Its own call settings and greeting are removed with it.',
            ),
            h(
                'div',
                { class: 'field-check' },
                release,
                h('label', {
                    for: release.id,
                    text: ' Also release it at Twilio (Twilio stops billing it; it goes back to their pool and may not be got back)',
                }),
            ),
            h('div', { class: 'actions' }, removeConfirm, removeCancel, removeResult),
        );
        removeToggle.addEventListener('click', () => {
            const open = removeBox.hidden;
            removeBox.hidden = !open;
            removeToggle.setAttribute('aria-expanded', String(open));
            if (open) release.focus();
        });
        removeCancel.addEventListener('click', () => {
            removeBox.hidden = true;
            removeToggle.setAttribute('aria-expanded', 'false');
            removeToggle.focus();
        });
        removeConfirm.addEventListener('click', async () => {
            removeConfirm.disabled = true;
            const released = release.checked;
            const response = await api(
                'DELETE',
                '/numbers/' + number.number + (released ? '?release=true' : ''),
            );
            removeConfirm.disabled = false;
            if (response.ok) {
                state.numbers = state.numbers.filter((n) => n.number !== number.number);
                renderNumbers();
                showResult(
                    $('#numbers-result'),
                    'success',
                    'Removed ' + number.number + (released ? ' and released it at Twilio.' : ' (still held at Twilio).'),
                );
            } else {
                showResult(
                    removeResult,
                    'error',
                    number.number + ' not removed: ' + problemText(response.data, response.status) + '.',
                );
            }
        });
        const levelPath = 'numbers/' + number.number + '/call-settings';
        const effective = h('dl', { class: 'effective effective-compact', id: 'number-' + key + '-effective' });
        const formId = 'number-' + key + '-form';
        const toggle = h('button', {
            type: 'button',
            class: 'button button-small',
            'aria-expanded': 'false',
            'aria-controls': formId,
            text: 'Edit overrides',
        });
        const timeout = h('input', {
            type: 'number',
            id: formId + '-timeout',
            inputmode: 'numeric',
            min: cfg.timeoutMin,
            max: cfg.timeoutMax,
            'aria-describedby': formId + '-timeout-error',
        });
        const timeoutError = h('p', { id: formId + '-timeout-error', class: 'field-error', hidden: true });
        const forward = h('textarea', {
            id: formId + '-forward',
            rows: '2',
            spellcheck: 'false',
            'aria-describedby': formId + '-forward-hint ' + formId + '-forward-error',
        });
        const forwardError = h('p', { id: formId + '-forward-error', class: 'field-error', hidden: true });
        const human = h(
            'select',
            { id: formId + '-human' },
            h('option', { value: '', text: 'Off (default)' }),
            h('option', { value: 'true', text: 'On' }),
        );
        const greeting = h('div', {
            class: 'greeting',
            'data-empty-text': "No greeting of its own: it uses its user's or your account's.",
        });
        let effectiveTimeout = null;
        const ringing = ringPatternEditor(formId, () => timeoutValue(timeout) || effectiveTimeout);
        timeout.addEventListener('input', ringing.sync);
        const record = h('input', { type: 'checkbox', id: formId + '-record', 'aria-describedby': formId + '-record-error' });
        const recordError = h('p', { id: formId + '-record-error', class: 'field-error', hidden: true });
        const consentText = h('textarea', {
            id: formId + '-consent-text',
            rows: '2',
            maxlength: '500',
            'aria-describedby': formId + '-consent-text-hint ' + formId + '-consent-text-error',
        });
        const consentTextError = h('p', { id: formId + '-consent-text-error', class: 'field-error', hidden: true });
        const consentAudio = h('div', {
            class: 'greeting consent-audio',
            'data-empty-text': 'No consent audio of its own: your account\'s plays, or the consent text is spoken.',
        });
        const result = h('p', { class: 'result', role: 'status', 'aria-live': 'polite' });
        const form = h(
            'form',
            { id: formId, class: 'stack number-form', novalidate: true, hidden: true },
            h(
                'div',
                { class: 'grid-2' },
                h(
                    'div',
                    { class: 'field' },
                    h('label', { for: timeout.id, text: 'Incoming call timeout (seconds)' }),
                    timeout,
                    h('p', { class: 'hint', text: 'Blank: inherited.' }),
                    timeoutError,
                ),
                h(
                    'div',
                    { class: 'field' },
                    h('label', { for: human.id, text: 'Press a key to accept the call' }),
                    human,
                    h('p', {
                        class: 'hint',
                        text: "The person who answers presses a key first, so a phone's own voicemail never takes the call.",
                    }),
                ),
            ),
            h(
                'div',
                { class: 'field' },
                h('label', { for: forward.id, text: 'Ring these phones' }),
                forward,
                h('p', { id: formId + '-forward-hint', class: 'hint', text: 'One per line. Blank: inherited.' }),
                forwardError,
            ),
            ringing.fieldset,
            h(
                'fieldset',
                { class: 'recording-fieldset' },
                h('legend', { text: 'Call recording' }),
                h(
                    'div',
                    { class: 'field-check' },
                    record,
                    h('label', { for: record.id, text: ' Record answered calls to ' + number.number }),
                    recordError,
                ),
                h(
                    'div',
                    { class: 'field' },
                    h('label', { for: consentText.id, text: 'Consent announcement' }),
                    consentText,
                    h('p', {
                        id: formId + '-consent-text-hint',
                        class: 'hint',
                        text: 'Spoken to the caller before the call is put through, unless consent audio is uploaded. Blank: inherited ("This call may be recorded.").',
                    }),
                    consentTextError,
                ),
                consentAudio,
            ),
            h(
                'fieldset',
                { class: 'greeting-fieldset' },
                h('legend', { text: 'Voicemail greeting for ' + number.number }),
                greeting,
            ),
            h(
                'div',
                { class: 'actions' },
                h('button', { type: 'submit', class: 'button button-primary', text: 'Save ' + number.number }),
                result,
            ),
        );
        const item = h(
            'li',
            { class: 'number-item', id: 'number-' + key },
            h(
                'div',
                { class: 'number-head' },
                h(
                    'div',
                    {},
                    h('span', { class: 'number', text: number.number }),
                    number.isDefault ? h('span', { class: 'badge badge-quiet', text: 'Default' }) : null,
                    number.assignedUserId
                        ? h('span', { class: 'muted', text: ' · assigned to ' + number.assignedUserId })
                        : null,
                ),
                h('div', { class: 'number-buttons' }, toggle, removeToggle),
            ),
            twilioLine,
            removeBox,
            effective,
            form,
        );
        let level = null;
        // The list answers the configuration as last checked; one number's GET compares it at Twilio now.
        item.checkTwilio = async () => {
            if (!number.twilio) return;
            const response = await api('GET', '/numbers/' + number.number);
            if (response.ok && response.data && response.data.twilio) {
                Object.assign(number, response.data);
                renderNumberTwilio(twilioLine, number);
            }
        };
        const widget = greetingWidget(greeting, levelPath, 'number ' + number.number, () => item.refresh());
        const consentWidget = greetingWidget(consentAudio, levelPath, 'number ' + number.number, () => item.refresh(),
            CONSENT_AUDIO);

        item.refresh = async () => {
            const response = await api('GET', '/call-settings/effective?number=' + encodeURIComponent(number.number));
            if (response.ok) {
                effectiveTimeout = response.data.timeoutSeconds.value;
                effective.replaceChildren(...effectiveRows(response.data, true));
                ringing.sync();
            }
        };

        function fill(settings) {
            level = settings;
            timeout.value = settings.timeoutSeconds ?? '';
            forward.value = (settings.forwardTo || []).join('\n');
            human.value = settings.humanAnswerConfirmation ? 'true' : '';
            ringing.fill(settings.ringPattern);
            record.checked = settings.recordCalls === true;
            consentText.value = settings.consentText || '';
            widget.render(settings.greeting);
            consentWidget.render(settings.consentAudio);
        }

        toggle.addEventListener('click', async () => {
            const open = form.hidden;
            form.hidden = !open;
            toggle.setAttribute('aria-expanded', String(open));
            toggle.textContent = open ? 'Close' : 'Edit overrides';
            if (open && !level) {
                const response = await api('GET', '/' + levelPath);
                if (response.ok) fill(response.data);
            }
            if (open) timeout.focus();
        });

        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            clearErrors(form);
            const forwardTo = readForwardTo(forward);
            const body = {
                timeoutSeconds: timeoutValue(timeout),
                forwardTo: forwardTo.length ? forwardTo : null,
                callerId: level ? level.callerId : null,
                answerOnBridge: level ? level.answerOnBridge : null,
                humanAnswerConfirmation: human.value === 'true' ? true : null,
                ringPattern: ringing.value(),
                recordCalls: record.checked ? true : null,
                consentText: consentText.value.trim() || null,
            };
            const response = await api('PUT', '/' + levelPath, body);
            if (response.ok) {
                fill(response.data);
                const warned = response.data.warnings && response.data.warnings.length;
                showResult(
                    result,
                    warned ? 'warning' : 'success',
                    warned ? 'Saved. ' + response.data.warnings.join(' ') : 'Saved ' + number.number + '.',
                );
                item.refresh();
            } else {
                showProblem(
                    result,
                    response,
                    (field) =>
                        field.startsWith('timeoutSeconds')
                            ? [timeoutError, timeout]
                            : field.startsWith('forwardTo')
                              ? [forwardError, forward]
                              : field.startsWith('ringPattern')
                                ? ringing.place(field)
                                : field === 'recordCalls'
                                  ? [recordError, record]
                                  : field === 'consentText'
                                    ? [consentTextError, consentText]
                                    : null,
                    number.number,
                );
            }
        });
        return item;
    }

    // ---------------------------------------------------------------- the Twilio account and its numbers

    function renderTwilioAccount(response) {
        const sid = $('#twilio-account-sid');
        const source = $('#twilio-account-source');
        if (!response.ok) {
            sid.textContent = 'unknown';
            source.textContent = '(' + problemText(response.data, response.status) + ')';
            return;
        }
        const account = response.data || {};
        sid.textContent = account.accountSid || 'none yet';
        source.textContent = !account.accountSid
            ? '(a Twilio subaccount is made for you when you add your first number)'
            : account.source === 'LINKED'
              ? '(your own Twilio account, linked by an operator)'
              : '(a subaccount of the platform\'s Twilio account)';
        sid.dataset.source = account.source || '';
    }

    const STATES = {
        CONFIGURED: ['configured', 'Configured at Twilio'],
        DRIFTED: ['drifted', 'Changed at Twilio'],
        PENDING: ['pending', 'Configuration at Twilio pending'],
        FAILED: ['failed', 'Configuration at Twilio failed'],
    };

    const DRIFT_FIELDS = {
        voiceUrl: 'Voice URL',
        voiceMethod: 'Voice method',
        statusCallback: 'Status callback',
        statusCallbackMethod: 'Status callback method',
        smsUrl: 'Messaging URL',
        smsMethod: 'Messaging method',
    };

    /** The line under a number: how it stands at Twilio (what differs when it drifted), and "Configure again". */
    function renderNumberTwilio(line, number) {
        const twilio = number.twilio;
        const result = h('p', { class: 'result', role: 'status', 'aria-live': 'polite' });
        if (!twilio) {
            line.replaceChildren(
                h('span', { class: 'state state-pending', text: 'Not linked to Twilio' }),
                h('span', { class: 'muted', text: 'Added before numbers came from Twilio: remove it and add it again.' }),
            );
            return;
        }
        const [kind, label] = STATES[twilio.configuration] || ['pending', String(twilio.configuration)];
        const again = h('button', {
            type: 'button',
            class: 'button button-small',
            text: 'Configure again',
            'aria-label': 'Configure ' + number.number + ' again at Twilio',
        });
        const drift = (twilio.drift || []).map((d) =>
            h(
                'li',
                {},
                (DRIFT_FIELDS[d.field] || d.field) + ' is ',
                h('code', { text: d.actual === null || d.actual === undefined || d.actual === '' ? '(empty)' : d.actual }),
                ' at Twilio; it should be ',
                h('code', { text: d.expected === null || d.expected === undefined ? '(empty)' : d.expected }),
            ),
        );
        line.replaceChildren(
            h('span', { class: 'state state-' + kind, text: label }),
            h('span', {
                class: 'muted',
                text:
                    (twilio.origin === 'IMPORTED' ? 'Imported' : 'Bought') +
                    (twilio.phoneNumberSid ? ' · ' + twilio.phoneNumberSid : '') +
                    (twilio.checkedAt ? ' · checked ' + new Date(twilio.checkedAt).toLocaleString() : ''),
            }),
            again,
            result,
            ...(drift.length ? [h('ul', { class: 'drift', 'aria-label': 'What differs at Twilio' }, drift)] : []),
        );
        again.addEventListener('click', async () => {
            again.disabled = true;
            showResult(result, 'info', 'Configuring at Twilio…');
            const response = await api('POST', '/numbers/' + number.number + '/configure');
            again.disabled = false;
            if (response.ok && response.data && response.data.twilio) {
                Object.assign(number, response.data);
                renderNumberTwilio(line, number);
                const now = line.querySelector('.result');
                showResult(
                    now,
                    number.twilio.configuration === 'CONFIGURED' ? 'success' : 'error',
                    number.twilio.configuration === 'CONFIGURED'
                        ? 'Configured again at Twilio.'
                        : 'Twilio has not taken the configuration: ' + (STATES[number.twilio.configuration] || [0, ''])[1] + '.',
                );
            } else {
                showResult(result, 'error', 'Not configured: ' + problemText(response.data, response.status) + '.');
            }
        });
    }

    function capabilities(c) {
        if (!c) return '';
        return [c.voice ? 'voice' : null, c.sms ? 'SMS' : null, c.mms ? 'MMS' : null].filter(Boolean).join(', ');
    }

    /** POST /numbers: bought, or imported when the account's Twilio account holds it. Answers the response. */
    async function addNumber(phoneNumber, result) {
        showResult(result, 'info', 'Adding ' + phoneNumber + '…');
        const response = await api('POST', '/numbers', { phoneNumber });
        if (response.ok) {
            const added = response.data;
            state.numbers = state.numbers.filter((n) => n.number !== added.number).concat([added]);
            renderNumbers();
            renderTwilioAccount(await api('GET', '/twilio'));
            const how = added.twilio && added.twilio.origin === 'IMPORTED' ? 'Imported ' : 'Bought ';
            const configured = added.twilio && added.twilio.configuration === 'CONFIGURED';
            showResult(
                result,
                configured ? 'success' : 'warning',
                how +
                    added.number +
                    (configured
                        ? ' and configured it at Twilio.'
                        : '; its configuration at Twilio is ' +
                          (added.twilio ? added.twilio.configuration.toLowerCase() : 'unknown') +
                          ' (see the number above).'),
            );
        }
        return response;
    }

    $('#numbers-search').addEventListener('submit', async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        clearErrors(form);
        const result = $('#search-result');
        const list = $('#available-list');
        const query = new URLSearchParams({ country: $('#search-country').value });
        const areaCode = $('#search-area-code').value.trim();
        const contains = $('#search-contains').value.trim();
        if (areaCode) query.set('areaCode', areaCode);
        if (contains) query.set('contains', contains);
        showResult(result, 'info', 'Searching…');
        list.replaceChildren();
        const response = await api('GET', '/numbers/available?' + query);
        if (!response.ok) {
            const place = (field) =>
                field.includes('areaCode')
                    ? [$('#search-area-code-error'), $('#search-area-code')]
                    : field.includes('country')
                      ? [$('#search-country-error'), $('#search-country')]
                      : field.includes('contains')
                        ? [$('#search-contains-error'), $('#search-contains')]
                        : null;
            const errors = response.data && Array.isArray(response.data.errors) ? response.data.errors : [];
            if (errors.length) {
                showProblem(result, response, place, 'Search');
                result.textContent = result.textContent.replace('Search not saved', 'Not searched');
            } else {
                const detail = (response.data && response.data.detail) || '';
                const spot = place(detail.includes('areaCode') || /area code/i.test(detail) ? 'areaCode'
                    : /country/i.test(detail) ? 'country' : '');
                if (spot && response.status === 400) fieldError(spot[0], detail, spot[1]);
                showResult(result, 'error', 'Not searched: ' + problemText(response.data, response.status) + '.');
            }
            return;
        }
        const found = response.data || [];
        showResult(
            result,
            found.length ? 'info' : 'warning',
            found.length ? plural(found.length, 'number') + ' available.' : 'No number available: try another area code.',
        );
        list.replaceChildren(
            ...found.map((n) => {
                const add = h('button', {
                    type: 'button',
                    class: 'button button-small button-primary',
                    text: 'Add ' + n.phoneNumber,
                });
                const li = h(
                    'li',
                    { class: 'available-item', 'data-number': n.phoneNumber },
                    h(
                        'div',
                        {},
                        h('span', { class: 'number', text: n.friendlyName || n.phoneNumber }),
                        h('span', {
                            class: 'muted',
                            text:
                                ' · ' +
                                [n.locality, n.region, n.country].filter(Boolean).join(', ') +
                                (capabilities(n.capabilities) ? ' · ' + capabilities(n.capabilities) : ''),
                        }),
                    ),
                    add,
                );
                add.addEventListener('click', async () => {
                    add.disabled = true;
                    const added = await addNumber(n.phoneNumber, result);
                    if (added.ok) li.remove();
                    else {
                        add.disabled = false;
                        showResult(
                            result,
                            'error',
                            n.phoneNumber + ' not added: ' + problemText(added.data, added.status) + '.',
                        );
                    }
                });
                return li;
            }),
        );
    });

    $('#numbers-import').addEventListener('submit', async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        clearErrors(form);
        const input = $('#import-number');
        const result = $('#import-result');
        const phoneNumber = input.value.trim().replace(/[\s().-]/g, '');
        if (!/^\+[1-9][0-9]{6,14}$/.test(phoneNumber)) {
            fieldError($('#import-number-error'), 'Enter the number in international format, e.g. +14155550123.', input);
            input.focus();
            return;
        }
        const response = await addNumber(phoneNumber, result);
        if (response.ok) {
            input.value = '';
        } else {
            const errors = response.data && Array.isArray(response.data.errors) ? response.data.errors : [];
            if (errors.length) {
                showProblem(result, response, (f) => (f.includes('phoneNumber') ? [$('#import-number-error'), input] : null), phoneNumber);
                result.textContent = result.textContent.replace(' not saved', ' not added');
            } else {
                fieldError($('#import-number-error'), problemText(response.data, response.status), input);
                showResult(result, 'error', phoneNumber + ' not added: ' + problemText(response.data, response.status) + '.');
            }
        }
    });

    // ---------------------------------------------------------------- the legacy toggle

    function renderLegacy(legacy) {
        state.legacy = legacy;
        $('#legacy-enabled').checked = legacy.enabled;
        $('#legacy-message').value = legacy.message || '';
    }

    async function saveLegacy(enabled) {
        const result = $('#legacy-result');
        clearErrors($('#legacy-form'));
        const message = $('#legacy-message').value.trim();
        const response = await api('PUT', '/legacy-text-back', { enabled, message: message || null });
        if (response.ok) {
            renderLegacy(response.data);
            showResult(
                result,
                response.data.enabled ? 'warning' : 'success',
                response.data.enabled
                    ? 'On: every missed call is texted at once. ' + response.data.warnings.join(' ')
                    : 'The legacy toggle is off.',
            );
        } else {
            $('#legacy-enabled').checked = state.legacy ? state.legacy.enabled : false;
            const refused = response.status === 409 || response.status === 503;
            if (refused) {
                showResult(result, 'error', 'Not turned on: ' + problemText(response.data, response.status));
            } else {
                showProblem(
                    result,
                    response,
                    (field) => (field === 'message' ? [$('#legacy-message-error'), $('#legacy-message')] : null),
                    'Legacy toggle',
                );
            }
        }
    }

    $('#legacy-enabled').addEventListener('change', () => saveLegacy($('#legacy-enabled').checked));
    $('#legacy-form').addEventListener('submit', (event) => {
        event.preventDefault();
        saveLegacy($('#legacy-enabled').checked);
    });

    // ---------------------------------------------------------------- the Missed Call Text Back workflow

    const TEMPLATE = 'missed-call-text-back';
    const STEP_LABELS = { 'text-in-hours': 'Text while you are open', 'text-after-hours': 'Text after hours' };

    /** The send steps of a definition in order, each with its JSON path as workflow-service names fields. */
    function sendSteps(steps, path, out = []) {
        (steps || []).forEach((step, i) => {
            const at = path + '[' + i + ']';
            if (step.type === 'send_sms' || step.type === 'send_whatsapp' || step.type === 'send_text') {
                out.push({ step, path: at });
            }
            if (step.then) sendSteps(step.then, at + '.then', out);
            if (step.else) sendSteps(step.else, at + '.else', out);
        });
        return out;
    }

    async function loadWorkflow() {
        const panel = $('#workflow-panel');
        panel.setAttribute('aria-busy', 'true');
        try {
            await showWorkflow(panel);
        } finally {
            panel.setAttribute('aria-busy', 'false');
        }
    }

    async function showWorkflow(panel) {
        panel.replaceChildren(h('p', { class: 'muted', text: 'Loading the workflow…' }));
        const response = await api('GET', '/workflows');
        if (!response.ok) {
            panel.replaceChildren(
                h(
                    'div',
                    { class: 'callout callout-error', role: 'alert', id: 'workflow-unavailable' },
                    h('strong', { text: 'The workflow cannot be shown right now. ' }),
                    problemText(response.data, response.status) + '. The Missed Call Text Back workflow cannot be '
                        + 'shown or changed until it answers; call & voicemail settings are not affected.',
                ),
                h(
                    'div',
                    { class: 'actions' },
                    h('button', {
                        type: 'button',
                        class: 'button',
                        id: 'workflow-retry',
                        text: 'Try again',
                        onclick: loadWorkflow,
                    }),
                ),
            );
            return;
        }
        const all = response.data || [];
        const mine = all.filter((w) => w.template === TEMPLATE);
        let chosen = mine.find((w) => w.active) || mine[0];
        const others = all.filter((w) => w.active && w !== chosen).map((w) => "'" + w.name + "'");
        if (chosen) {
            // One workflow's own answer carries its warnings (another active workflow taking the same calls).
            const one = await api('GET', '/workflows/' + chosen.id);
            if (one.ok && one.data && one.data.definition) chosen = one.data;
            renderWorkflow(chosen, others);
        } else {
            renderEnable(others);
        }
        loadQuietHours();
    }

    /** "Which calls" (the workflow's when), "How often" (its repeat window) and the overlap warnings. */
    const WHEN_CHOICES = [
        ['always', 'Every missed call (in-hours text while open, after-hours text while closed)'],
        ['during_business_hours', 'Only calls during business hours'],
        ['outside_business_hours', 'Only calls outside business hours'],
    ];
    const REPEAT_WINDOWS = [
        ['PT1H', '1 hour'],
        ['PT4H', '4 hours'],
        ['PT12H', '12 hours'],
        ['PT24H', '24 hours'],
        ['PT48H', '2 days'],
        ['PT168H', '7 days'],
        ['PT720H', '30 days'],
        ['PT2160H', '90 days'],
    ];

    function whenChoice(name, chosen) {
        return h(
            'fieldset',
            { class: 'choice-row', id: name },
            h('legend', { text: 'Which calls to text' }),
            ...WHEN_CHOICES.map(([value, label]) =>
                h(
                    'label',
                    { class: 'choice' },
                    h('input', {
                        type: 'radio',
                        name,
                        value,
                        id: name + '-' + value.split('_')[0],
                        checked: (chosen || 'always') === value,
                    }),
                    ' ' + label,
                ),
            ),
        );
    }

    function repeatChoice(id, chosen) {
        const select = h('select', { id, 'aria-describedby': id + '-hint' });
        const value = chosen || 'PT24H';
        const known = REPEAT_WINDOWS.some(([v]) => v === value);
        select.replaceChildren(
            ...(known ? [] : [h('option', { value, text: value })]),
            ...REPEAT_WINDOWS.map(([v, label]) => h('option', { value: v, text: label })),
        );
        select.value = value;
        return h(
            'div',
            { class: 'field' },
            h('label', { for: id, text: 'Text a caller at most once per' }),
            select,
            h('p', {
                id: id + '-hint',
                class: 'muted',
                text: 'A text that was refused or failed does not count. Calls within this time are tagged 2nd call.',
            }),
        );
    }

    function warningsBox(warnings) {
        const list = (warnings || []).filter((w) => w && w.message);
        return list.length
            ? h(
                  'div',
                  { class: 'callout callout-warning', role: 'alert', id: 'workflow-warnings' },
                  ...list.map((w) => h('p', { text: w.message })),
              )
            : null;
    }

    function numberOptions(select, chosen) {
        select.replaceChildren(
            h('option', { value: '', text: 'Your default number' }),
            ...state.numbers.map((n) => h('option', { value: n.number, text: n.number })),
        );
        select.value = chosen || '';
    }

    function channelChoice(name, chosen) {
        return h(
            'fieldset',
            { class: 'choice-row' },
            h('legend', { text: 'Send as' }),
            h(
                'label',
                { class: 'choice' },
                h('input', {
                    type: 'radio',
                    name,
                    value: 'SMS',
                    id: name + '-sms',
                    checked: chosen !== 'WHATSAPP' && chosen !== 'BOTH',
                }),
                ' SMS',
            ),
            h(
                'label',
                { class: 'choice' },
                h('input', {
                    type: 'radio',
                    name,
                    value: 'WHATSAPP',
                    id: name + '-whatsapp',
                    checked: chosen === 'WHATSAPP',
                }),
                ' WhatsApp (as SMS when WhatsApp cannot be used)',
            ),
            h(
                'label',
                { class: 'choice' },
                h('input', { type: 'radio', name, value: 'BOTH', id: name + '-both', checked: chosen === 'BOTH' }),
                ' Both (one text by SMS and one by WhatsApp)',
            ),
        );
    }

    function renderEnable(others) {
        const panel = $('#workflow-panel');
        const from = h('select', { id: 'workflow-from' });
        numberOptions(from, '');
        const result = h('p', { id: 'workflow-result', class: 'result', role: 'status', 'aria-live': 'polite' });
        const form = h(
            'form',
            { id: 'workflow-enable-form', class: 'stack', novalidate: true },
            h('p', {
                text:
                    'Not enabled: missed callers are not texted' +
                    (others.length ? '' : ' (unless the legacy toggle below is on)') +
                    '.',
            }),
            others.length ? h('p', { class: 'callout', text: 'Also active: ' + others.join(', ') + '.' }) : null,
            h(
                'fieldset',
                { class: 'choice-row' },
                h('legend', { text: 'How soon' }),
                h(
                    'label',
                    { class: 'choice' },
                    h('input', {
                        type: 'radio',
                        name: 'variant',
                        value: 'immediate',
                        id: 'variant-immediate',
                        checked: true,
                    }),
                    ' Right after the missed call',
                ),
                h(
                    'label',
                    { class: 'choice' },
                    h('input', { type: 'radio', name: 'variant', value: 'wait-20-minutes', id: 'variant-wait' }),
                    ' 20 minutes later, if you have not called back',
                ),
            ),
            whenChoice('enable-when', 'always'),
            repeatChoice('enable-repeat', 'PT24H'),
            channelChoice('enable-channel', 'SMS'),
            h('div', { class: 'field' }, h('label', { for: from.id, text: 'Send from' }), from),
            h(
                'div',
                { class: 'actions' },
                h('button', {
                    type: 'submit',
                    id: 'workflow-enable',
                    class: 'button button-primary',
                    text: 'Enable Missed Call Text Back',
                }),
                result,
            ),
        );
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const body = {
                variant: $('input[name="variant"]:checked', form).value,
                channel: $('input[name="enable-channel"]:checked', form).value,
                when: $('input[name="enable-when"]:checked', form).value,
                repeatWindow: $('#enable-repeat', form).value,
                from: from.value || null,
            };
            const response = await api('POST', '/workflows/templates/' + TEMPLATE, body);
            if (response.ok) {
                renderWorkflow(response.data, others);
                showResult($('#workflow-result'), 'success', 'Enabled: missed callers now get a text.');
            } else {
                showResult(result, 'error', 'Not enabled: ' + problemText(response.data, response.status));
            }
        });
        panel.replaceChildren(form);
    }

    function renderWorkflow(workflow, others) {
        const panel = $('#workflow-panel');
        const sends = sendSteps(workflow.definition.steps, 'steps');
        const channel = sends.some((s) => s.step.type === 'send_text')
            ? 'BOTH'
            : sends.some((s) => s.step.type === 'send_whatsapp')
              ? 'WHATSAPP'
              : 'SMS';
        const from = h('select', { id: 'workflow-from' });
        numberOptions(from, sends.length ? sends[0].step.from : '');
        const result = h('p', { id: 'workflow-result', class: 'result', role: 'status', 'aria-live': 'polite' });
        const toggle = h('button', {
            type: 'button',
            id: 'workflow-toggle',
            class: 'button button-small',
            text: workflow.active ? 'Turn off' : 'Turn on',
        });
        const editors = sends.map((send, i) => messageEditor(send, i));
        const form = h(
            'form',
            { id: 'workflow-form', class: 'stack', novalidate: true },
            h(
                'div',
                { class: 'workflow-head' },
                h(
                    'div',
                    {},
                    h('strong', { text: workflow.name }),
                    ' ',
                    h('span', {
                        id: 'workflow-state',
                        class: 'pill ' + (workflow.active ? 'pill-on' : 'pill-off'),
                        text: workflow.active ? 'Active' : 'Off',
                    }),
                    h('span', { class: 'muted', text: ' · version ' + workflow.version }),
                ),
                toggle,
            ),
            others.length ? h('p', { class: 'callout', text: 'Also active: ' + others.join(', ') + '.' }) : null,
            warningsBox(workflow.warnings),
            whenChoice('workflow-when', workflow.definition.when),
            repeatChoice('workflow-repeat', workflow.definition.repeatWindow),
            ...editors.map((e) => e.element),
            h(
                'div',
                { class: 'grid-2' },
                channelChoice('workflow-channel', channel),
                h('div', { class: 'field' }, h('label', { for: from.id, text: 'Send from' }), from),
            ),
            h(
                'div',
                { class: 'actions' },
                h('button', {
                    type: 'submit',
                    id: 'workflow-save',
                    class: 'button button-primary',
                    text: 'Save workflow',
                }),
                result,
            ),
        );

        toggle.addEventListener('click', async () => {
            const response = await api(
                'POST',
                '/workflows/' + workflow.id + (workflow.active ? '/deactivate' : '/activate'),
            );
            if (response.ok) {
                const updated =
                    response.data && response.data.definition
                        ? response.data
                        : { ...workflow, active: !workflow.active };
                renderWorkflow(updated, others);
                showResult(
                    $('#workflow-result'),
                    'success',
                    updated.active ? 'Turned on.' : 'Turned off: missed callers are not texted.',
                );
            } else {
                showResult(result, 'error', 'Not changed: ' + problemText(response.data, response.status));
            }
        });

        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            clearErrors(form);
            const definition = JSON.parse(JSON.stringify(workflow.definition));
            const chosenChannel = $('input[name="workflow-channel"]:checked', form).value;
            definition.when = $('input[name="workflow-when"]:checked', form).value;
            definition.repeatWindow = $('#workflow-repeat', form).value;
            sendSteps(definition.steps, 'steps').forEach(({ step }, i) => {
                step.body = editors[i].textarea.value;
                step.type =
                    chosenChannel === 'BOTH' ? 'send_text' : chosenChannel === 'WHATSAPP' ? 'send_whatsapp' : 'send_sms';
                if (chosenChannel === 'BOTH') step.channels = ['SMS', 'WHATSAPP'];
                else delete step.channels;
                if (chosenChannel === 'WHATSAPP') step.smsFallback = step.smsFallback !== false;
                else delete step.smsFallback;
                if (from.value) step.from = from.value;
                else delete step.from;
            });
            const response = await api('PUT', '/workflows/' + workflow.id, definition);
            if (response.ok) {
                renderWorkflow(response.data, others);
                showResult(
                    $('#workflow-result'),
                    'success',
                    'Saved as version ' + response.data.version + ': new missed calls get these texts.',
                );
            } else {
                showProblem(
                    result,
                    response,
                    (field) => {
                        const editor = editors.find(
                            (e) => field === e.path + '.body' || field.startsWith(e.path + '.'),
                        );
                        return editor ? [editor.error, editor.textarea] : null;
                    },
                    'Workflow',
                );
            }
        });
        panel.replaceChildren(form);
        for (const editor of editors) editor.preview();
    }

    function messageEditor(send, i) {
        const id = 'workflow-message-' + i;
        const label = STEP_LABELS[send.step.id] || 'Text (step ' + send.step.id + ')';
        const textarea = h('textarea', {
            id,
            rows: '3',
            maxlength: '1600',
            'data-step': send.step.id,
            'aria-describedby': id + '-error ' + id + '-meta',
        });
        textarea.value = send.step.body || '';
        const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Insert a merge field into: ' + label });
        for (const chip of Array.from($('#merge-fields').content.cloneNode(true).children)) {
            chip.setAttribute('aria-label', 'Insert ' + chip.textContent + ' into: ' + label);
            chip.addEventListener('click', () => {
                const start = textarea.selectionStart ?? textarea.value.length;
                const end = textarea.selectionEnd ?? textarea.value.length;
                textarea.setRangeText(chip.dataset.token, start, end, 'end');
                textarea.focus();
                textarea.dispatchEvent(new Event('input'));
            });
            chips.append(chip);
        }
        const error = h('p', { id: id + '-error', class: 'field-error', hidden: true });
        const bubble = h('div', { id: id + '-text', class: 'bubble' });
        const meta = h('p', { id: id + '-meta', class: 'preview-meta' });
        const element = h(
            'div',
            { class: 'field message-editor' },
            h('label', { for: id, text: label }),
            chips,
            textarea,
            error,
            h(
                'div',
                { class: 'preview', 'aria-live': 'polite' },
                h('p', { class: 'preview-label', text: "Preview for a caller we don't know yet" }),
                bubble,
                meta,
            ),
        );
        let timer = null;
        let asked = 0;

        async function preview() {
            const ask = ++asked;
            const response = await api('POST', '/workflows/preview', { body: textarea.value });
            if (ask !== asked) return;
            if (response.ok) {
                const p = response.data;
                error.hidden = true;
                textarea.removeAttribute('aria-invalid');
                bubble.textContent = p.text;
                meta.textContent =
                    p.encoding + ' · ' + plural(p.segments, 'segment') + ' · ' + plural(p.characters, 'character');
                meta.classList.toggle('preview-meta-costly', p.segments > 1 || p.encoding !== 'GSM-7');
            } else if (response.status === 400) {
                const errors = response.data && response.data.errors;
                fieldError(
                    error,
                    errors && errors.length ? errors[0].message : problemText(response.data, 400),
                    textarea,
                );
                meta.textContent = '';
            } else {
                meta.textContent = 'Preview unavailable: ' + problemText(response.data, response.status);
            }
        }

        textarea.addEventListener('input', () => {
            clearTimeout(timer);
            timer = setTimeout(preview, 250);
        });
        return { element, textarea, error, path: send.path, preview };
    }

    // ---------------------------------------------------------------- quiet hours

    async function loadQuietHours() {
        const form = $('#quiet-form');
        if (!form) return;
        const response = await api('GET', '/quiet-hours');
        if (!response.ok || !response.data) {
            showResult($('#quiet-result'), 'error', 'Quiet hours cannot be shown right now: '
                + problemText(response.data, response.status));
            return;
        }
        showQuietHours(response.data);
    }

    function showQuietHours(q) {
        $('#quiet-enabled').checked = q.enabled;
        $('#quiet-start').value = q.start;
        $('#quiet-end').value = q.end;
        const warning = $('#quiet-warning');
        const warnings = q.warnings || [];
        warning.hidden = warnings.length === 0;
        warning.textContent = warnings.join(' ');
    }

    async function saveQuietHours() {
        const body = {
            enabled: $('#quiet-enabled').checked,
            start: $('#quiet-start').value,
            end: $('#quiet-end').value,
        };
        const response = await api('PUT', '/quiet-hours', body);
        if (response.ok) {
            showQuietHours(response.data);
            showResult($('#quiet-result'), 'success', response.data.enabled
                ? 'Saved: automated texts wait between ' + response.data.start + ' and ' + response.data.end + '.'
                : 'Saved: quiet hours are off.');
        } else {
            showResult($('#quiet-result'), 'error', 'Not saved: ' + problemText(response.data, response.status));
        }
    }

    $('#quiet-form').addEventListener('submit', (event) => {
        event.preventDefault();
        saveQuietHours();
    });

    // ---------------------------------------------------------------- start

    const params = new URLSearchParams(location.search);
    state.account = params.get('account') || sessionStorage.getItem(ACCOUNT_KEY);
    state.token = sessionStorage.getItem(TOKEN_KEY);
    if (state.token && !state.account) state.account = tokenAccount(state.token);
    if (
        state.token &&
        state.account &&
        (!params.get('account') || params.get('account') === sessionStorage.getItem(ACCOUNT_KEY))
    ) {
        openSettings();
    } else {
        showCredential('');
    }
})();
