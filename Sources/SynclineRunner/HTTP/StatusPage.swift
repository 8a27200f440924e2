import Foundation
import Mustache
import SynclineCore
import SynclineStore

/// The status page and the job pages, rendered on the server from Mustache templates (HTML-escaped), with one
/// small inline script that keeps running syncs' progress current from `/status` without a reload.
///
/// No external assets and no build step: the CSS and script are in the page, so it works offline and on a phone
/// (where the jobs table turns into one labelled block per job, so the last run and progress are on screen);
/// an empty inline icon, so browsers do not ask for `/favicon.ico` (a 404, which their consoles log as an error).
enum StatusPage {
    /// The page at `/`: every job with its schedule, next run, last run and any sync in progress.
    static func overview(_ report: StatusReport) -> String {
        let jobs: [[String: Any]] = report.jobs.map { job in
            var row: [String: Any] = [
                "name": job.name, "path": "/jobs/" + pathComponent(job.name), "enabled": job.enabled ? "yes" : "no",
                "cron": job.cron, "timezone": job.timezone, "source": job.source, "target": job.target,
                "next": job.enabled ? (job.nextRunLocal ?? "not scheduled yet") : "never (disabled)",
            ]
            if let retry = job.retryAt { row["retry"] = "\(job.retryReason == "quota" ? "resumes" : "retry") \(retry)" }
            if let run = job.lastRun { row["last"] = runContext(run) }
            if let run = job.running { row["running"] = runContext(run) }
            return row
        }
        let context: [String: Any] = [
            "generated": report.generatedAt, "zone": report.instanceZone, "jobs": jobs,
            "runners": report.runners.map { ["host": $0.host, "pid": "\($0.pid)", "since": $0.startedAt] },
            "apis": report.apis.map { api in
                ["api": api.api, "used": "\(api.used)", "budget": api.budget.map { "\($0)" } ?? "no budget"]
            },
            "style": style, "script": script,
        ]
        return render(overviewTemplate, context)
    }

    /// The page at `/jobs/NAME`: its schedule, runs, rejected records and plan.
    static func job(
        _ job: StatusReport.Job, runs: [RunRecord], rejected: [RejectionRecord], plan: String, now: Date
    ) -> String {
        var context: [String: Any] = [
            "name": job.name, "summary": job.summary ?? "", "enabled": job.enabled ? "enabled" : "disabled",
            "cron": job.cron, "timezone": job.timezone,
            "next": job.enabled ? (job.nextRunLocal ?? "not scheduled yet") : "never (disabled)",
            "depends": job.dependsOn.joined(separator: ", "),
            "runs": runs.map { runContext(StatusReport.Run($0, now: now)) },
            "rejected": rejected.map { record in
                [
                    "id": record.sourceID, "date": record.recordDate ?? "", "code": record.code,
                    "reason": record.reason,
                    "run": "\(record.runID)",
                ]
            },
            "plan": plan, "style": style, "script": script,
        ]
        if let running = job.running { context["running"] = runContext(running) }
        return render(jobTemplate, context)
    }

    /// A run's values for the templates.
    private static func runContext(_ run: StatusReport.Run) -> [String: Any] {
        var context: [String: Any] = [
            "id": "\(run.id)", "status": run.status, "trigger": run.trigger, "attempt": "\(run.attempt)",
            "started": run.startedAt, "seconds": String(format: "%.1f", run.seconds), "pages": "\(run.pages)",
            "records": "\(run.records)", "created": "\(run.created)", "updated": "\(run.updated)",
            "skipped": "\(run.skipped)", "rejected": "\(run.rejected)", "error": run.error ?? "",
            "percent": run.progress.map { "\(Int(($0 * 100).rounded()))" } ?? "",
        ]
        if let progress = run.progress { context["progress"] = String(format: "%.3f", progress) }
        return context
    }

    private static func pathComponent(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
    }

    private static func render(_ template: String, _ context: [String: Any]) -> String {
        do {
            return try MustacheTemplate(string: template).render(context)
        } catch {
            fatalError("the status page's own template does not parse: \(error)")  // our bug: a fixed template
        }
    }

    static let style = """
        :root{color-scheme:light dark;font-family:system-ui,sans-serif}body{margin:0 auto;max-width:72rem;padding:1rem}
        h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin-top:1.5rem}.muted{opacity:.7;font-size:.9rem}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #8884;
        vertical-align:top}.wrap{overflow-x:auto}progress{width:10rem;max-width:100%}code,pre{font-size:.85rem}
        pre{white-space:pre-wrap;background:#8881;padding:.6rem;border-radius:.3rem}
        .succeeded{color:#2a7}.failed,.interrupted{color:#c33}.running{color:#37c}.quota,.skipped,.cancelled{color:#b80}
        @media (max-width:40rem){th.optional,td.optional{display:none}.jobs thead{display:none}
        .jobs tr,.jobs td{display:block}.jobs tr{border-bottom:1px solid #8884;padding:.3rem 0}
        .jobs td{border:0;padding:.15rem 0}.jobs td[data-label]::before{content:attr(data-label) ": ";opacity:.7}}
        """

    /// Polls `/status` every second and updates each running sync's bar, percentage and counts in place (and its
    /// state when it ends); marks the body with the polls answered (`data-polls`) and the updates they made
    /// (`data-updates`), which the browser tests read.
    static let script = """
        (function(){var updates=0;function text(el,v){if(el&&el.textContent!==v){el.textContent=v;return true}return false}
        function tick(){fetch('/status',{cache:'no-store'}).then(function(r){return r.json()}).then(function(s){
        var changed=false;s.jobs.forEach(function(job){document.querySelectorAll('[data-job="'+job.name+'"]').forEach(
        function(box){var run=job.running;var bar=box.querySelector('progress');var counts=box.querySelector('.counts');
        var state=box.querySelector('.state');var percent=box.querySelector('.percent');if(run){box.hidden=false;
        if(bar){bar.hidden=false;if(run.progress===null){bar.removeAttribute('value')}else if(bar.value!==run.progress){
        bar.value=run.progress;changed=true}}changed=text(percent,run.progress===null?'':
        Math.round(run.progress*100)+'%')||changed;
        changed=text(counts,run.pages+' pages, '+run.records+' records, '+run.created+' created, '+run.skipped+
        ' already existed, '+run.rejected+' rejected, '+run.seconds.toFixed(1)+' s')||changed;
        changed=text(state,'running')||changed;if(state)state.className='state running'}else if(box.dataset.live==='1'){
        var status=job.lastRun?job.lastRun.status:'';changed=text(state,status)||changed;
        if(state)state.className='state '+status;if(bar)bar.hidden=true;text(percent,'')}})});if(changed){updates+=1;
        document.body.dataset.updates=String(updates)}document.body.dataset.polls=String(
        (+document.body.dataset.polls||0)+1)}).catch(function(){var n=document.getElementById('offline');
        if(n)n.hidden=false})}setInterval(tick,1000);tick()})();
        """

    static let overviewTemplate = """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <link rel="icon" href="data:,"><title>Syncline runner</title>
        <style>{{{style}}}</style></head><body data-updates="0">
        <h1>Syncline</h1><p class="muted">Instance time zone {{zone}}; as of {{generated}}.
        <span id="offline" hidden>The runner does not answer.</span></p>
        <div class="wrap"><table class="jobs"><thead><tr><th>Job</th><th>Enabled</th><th>Schedule</th><th>Next run</th>
        <th>Last run</th><th class="optional">Source → target</th></tr></thead><tbody>
        {{#jobs}}<tr><td><a href="{{path}}">{{name}}</a></td><td data-label="Enabled">{{enabled}}</td>
        <td data-label="Schedule"><code>{{cron}}</code> <span class="muted">{{timezone}}</span></td>
        <td data-label="Next run">{{next}}
        {{#retry}}<br><span class="muted">{{retry}}</span>{{/retry}}</td>
        <td data-label="Last run"><div data-job="{{name}}" data-live="1" {{^running}}hidden{{/running}}>
        <span class="state running">{{#running}}running{{/running}}</span>
        <progress max="1" {{#running.progress}}value="{{running.progress}}"{{/running.progress}}></progress>
        <span class="percent">{{#running}}{{#progress}}{{percent}}%{{/progress}}{{/running}}</span>
        <span class="counts muted">{{#running}}{{pages}} pages, {{records}} records, {{created}} created,
        {{skipped}} already existed, {{rejected}} rejected, {{seconds}} s{{/running}}</span></div>
        {{#last}}<span class="{{status}}">{{status}}</span> <span class="muted">{{started}} ({{trigger}}),
        {{seconds}} s</span><br>{{created}} created, {{updated}} updated, {{skipped}} already existed,
        {{rejected}} rejected{{#error}}<br><span class="muted">{{error}}</span>{{/error}}{{/last}}
        {{^last}}{{^running}}<span class="muted">never run</span>{{/running}}{{/last}}</td>
        <td class="optional" data-label="Source → target">{{source}} → {{target}}</td></tr>{{/jobs}}
        {{^jobs}}<tr><td colspan="6">No jobs yet: <code>syncline apply jobs/*.yaml</code>.</td></tr>{{/jobs}}
        </tbody></table></div>
        <h2>Runners</h2><ul>{{#runners}}<li>{{host}}, process {{pid}}, since {{since}}</li>{{/runners}}
        {{^runners}}<li class="muted">none alive</li>{{/runners}}</ul>
        <h2>API requests today (UTC)</h2><ul>{{#apis}}<li>{{api}}: {{used}} of {{budget}}</li>{{/apis}}
        {{^apis}}<li class="muted">none</li>{{/apis}}</ul>
        <p class="muted"><a href="/status">/status</a> · <a href="/metrics">/metrics</a> · <a href="/health">/health</a></p>
        <script>{{{script}}}</script></body></html>
        """

    static let jobTemplate = """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <link rel="icon" href="data:,"><title>{{name}} · Syncline</title>
        <style>{{{style}}}</style></head><body data-updates="0">
        <p><a href="/">← all jobs</a></p><h1>{{name}}</h1><p class="muted">{{summary}}</p>
        <p>{{enabled}}; <code>{{cron}}</code> in {{timezone}}; next run {{next}}{{#depends}}; after {{depends}}{{/depends}}</p>
        <div data-job="{{name}}" data-live="1" {{^running}}hidden{{/running}}><span class="state running">running</span>
        <progress max="1" {{#running.progress}}value="{{running.progress}}"{{/running.progress}}></progress>
        <span class="percent">{{#running}}{{#progress}}{{percent}}%{{/progress}}{{/running}}</span>
        <span class="counts muted">{{#running}}{{pages}} pages, {{records}} records, {{created}} created,
        {{skipped}} already existed, {{rejected}} rejected, {{seconds}} s{{/running}}</span></div>
        <h2>Runs</h2><div class="wrap"><table><thead><tr><th>Run</th><th>Status</th><th>Started</th><th>Trigger</th>
        <th>Created</th><th>Existed</th><th>Rejected</th><th class="optional">Error</th></tr></thead><tbody>
        {{#runs}}<tr><td>{{id}}</td><td class="{{status}}">{{status}}</td><td>{{started}} <span class="muted">
        {{seconds}} s</span></td><td>{{trigger}}{{#attempt}} (attempt {{attempt}}){{/attempt}}</td><td>{{created}}</td>
        <td>{{skipped}}</td><td>{{rejected}}</td><td class="optional">{{error}}</td></tr>{{/runs}}
        {{^runs}}<tr><td colspan="8" class="muted">never run</td></tr>{{/runs}}</tbody></table></div>
        <h2>Rejected records</h2><div class="wrap"><table><thead><tr><th>Source id</th><th>Date</th><th>Code</th>
        <th>Reason</th></tr></thead><tbody>{{#rejected}}<tr><td>{{id}}</td><td>{{date}}</td><td><code>{{code}}</code></td>
        <td>{{reason}}</td></tr>{{/rejected}}{{^rejected}}<tr><td colspan="4" class="muted">none</td></tr>{{/rejected}}
        </tbody></table></div>
        <h2>Plan</h2><pre>{{plan}}</pre><script>{{{script}}}</script></body></html>
        """
}
