#!/usr/bin/python3
# Render XHTML documents with WebKitGTK (the engine of Apple Books and Kobo's
# readers) to PNG, each with a user style sheet standing in for a reading
# system's theme. Run under Xvfb: `xvfb-run -a /usr/bin/python3 webkit.py JOBS.json`,
# where JOBS.json is a list of {"file", "css", "out", "width", "height"}.
# Debian: python3-gi, gir1.2-webkit2-4.1, xvfb.
import json
import sys

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

jobs = json.load(open(sys.argv[1], encoding='utf-8'))
failures = []


def render(job):
    window = Gtk.OffscreenWindow()
    window.set_default_size(job['width'], job['height'])
    content = WebKit2.UserContentManager()
    if job['css']:
        content.add_style_sheet(WebKit2.UserStyleSheet(job['css'], WebKit2.UserContentInjectedFrames.ALL_FRAMES, WebKit2.UserStyleLevel.USER, None, None))
    view = WebKit2.WebView.new_with_user_content_manager(content)
    settings = view.get_settings()
    settings.set_allow_file_access_from_file_urls(True)
    view.set_size_request(job['width'], job['height'])
    window.add(view)
    window.show_all()
    loop = GLib.MainLoop()

    def snapshot_done(v, result):
        try:
            surface = v.get_snapshot_finish(result)
            surface.write_to_png(job['out'])
        except Exception as e:  # noqa: BLE001
            failures.append(f"{job['out']}: {e}")
        loop.quit()

    def loaded(v, event):
        if event == WebKit2.LoadEvent.FINISHED:
            # Let web fonts finish before the snapshot.
            GLib.timeout_add(400, lambda: (v.get_snapshot(WebKit2.SnapshotRegion.VISIBLE, WebKit2.SnapshotOptions.NONE, None, snapshot_done), False)[1])

    view.connect('load-changed', loaded)
    view.load_uri('file://' + job['file'])
    GLib.timeout_add_seconds(90, lambda: (failures.append(f"{job['out']}: timed out"), loop.quit(), False)[2])
    loop.run()
    window.destroy()


for job in jobs:
    render(job)
if failures:
    print('\n'.join(failures), file=sys.stderr)
    sys.exit(1)
