package org.siren.dbus;

import java.util.List;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.annotations.PropertiesEmitsChangedSignal.EmitChangeSignal;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;

/**
 * One object per job at {@code /org/siren/Builder/job/<id>}. Jobs outlive the caller that started
 * them; watch Log, StepStarted and Finished, or read GetOutput.
 */
@DBusInterfaceName("org.siren.Job1")
@DBusProperty(name = "Id", type = UInt32.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "Kind", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "Image", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "State", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "Progress", type = Double.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "StartedByUid", type = UInt32.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "Result", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "Message", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "OutputLines", type = UInt64.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
public interface Job1 extends DBusInterface {

    /** Stops the job; only its starter, or whom polkit allows org.siren.manage, may. */
    void Cancel();

    /** Lines of output from index {@code from} on (lines beyond the newest 20000 are dropped). */
    List<String> GetOutput(UInt64 from);

    class Log extends DBusSignal {
        private final UInt64 index;
        private final String line;

        public Log(String path, UInt64 index, String line) throws DBusException {
            super(path, index, line);
            this.index = index;
            this.line = line;
        }

        public UInt64 getIndex() {
            return index;
        }

        public String getLine() {
            return line;
        }
    }

    class StepStarted extends DBusSignal {
        private final UInt32 number;
        private final UInt32 total;
        private final String text;

        public StepStarted(String path, UInt32 number, UInt32 total, String text) throws DBusException {
            super(path, number, total, text);
            this.number = number;
            this.total = total;
            this.text = text;
        }

        public UInt32 getNumber() {
            return number;
        }

        public UInt32 getTotal() {
            return total;
        }

        public String getText() {
            return text;
        }
    }

    class Finished extends DBusSignal {
        private final String result;
        private final String message;

        public Finished(String path, String result, String message) throws DBusException {
            super(path, result, message);
            this.result = result;
            this.message = message;
        }

        /** "done", "failed" or "cancelled". */
        public String getResult() {
            return result;
        }

        public String getMessage() {
            return message;
        }
    }
}
