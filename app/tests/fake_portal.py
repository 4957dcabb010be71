#!/usr/bin/env python3
# fake_portal.py LOG OPEN_ANSWER SAVE_ANSWER: a stand-in for xdg-desktop-portal's FileChooser on a
# private session bus (python3-dbus, python3-gi), for the window tests. Each OpenFile or SaveFile
# call is written to LOG as one line of JSON (method, title, options), then answered 100 ms later
# by a Response signal on the request object the portal documents: the answer as the one URI
# picked, or the user cancelling when it is "cancel".
import json
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

log_path, answers = sys.argv[1], {"OpenFile": sys.argv[2], "SaveFile": sys.argv[3]}
dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()


class Request(dbus.service.Object):
    @dbus.service.signal("org.freedesktop.portal.Request", signature="ua{sv}")
    def Response(self, code, results):
        pass


def plain(v):
    """dbus types to JSON: byte arrays (paths) as text."""
    if isinstance(v, dbus.Array) and v.signature == "y":
        return bytes(v).rstrip(b"\0").decode()
    if isinstance(v, (dbus.Array, dbus.Struct, list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dbus.Dictionary):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, dbus.Boolean):
        return bool(v)
    if isinstance(v, (dbus.UInt32, dbus.Int32, dbus.Byte)):
        return int(v)
    return str(v)


class FileChooser(dbus.service.Object):
    def _answer(self, method, title, options, sender):
        token = str(options.get("handle_token", "t"))
        path = "/org/freedesktop/portal/desktop/request/%s/%s" % (sender[1:].replace(".", "_"), token)
        request = Request(bus, path)
        with open(log_path, "a") as log:
            log.write(json.dumps({"method": method, "title": str(title), "options": plain(options)}) + "\n")

        answer = answers[method]

        def respond():
            if answer == "cancel":
                request.Response(dbus.UInt32(1), dbus.Dictionary({}, signature="sv"))
            else:
                uris = dbus.Array([answer], signature="s")
                request.Response(dbus.UInt32(0), dbus.Dictionary({"uris": uris}, signature="sv"))
            request.remove_from_connection()
            return False

        GLib.timeout_add(100, respond)
        return dbus.ObjectPath(path)

    @dbus.service.method("org.freedesktop.portal.FileChooser", in_signature="ssa{sv}", out_signature="o",
                         sender_keyword="sender")
    def OpenFile(self, parent, title, options, sender=None):
        return self._answer("OpenFile", title, options, sender)

    @dbus.service.method("org.freedesktop.portal.FileChooser", in_signature="ssa{sv}", out_signature="o",
                         sender_keyword="sender")
    def SaveFile(self, parent, title, options, sender=None):
        return self._answer("SaveFile", title, options, sender)


name = dbus.service.BusName("org.freedesktop.portal.Desktop", bus)
FileChooser(bus, "/org/freedesktop/portal/desktop")
print("ready", flush=True)
GLib.MainLoop().run()
