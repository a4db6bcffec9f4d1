package org.siren.dbus;

import java.util.Map;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.annotations.PropertiesEmitsChangedSignal.EmitChangeSignal;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * One object per image at {@code /org/siren/Builder/image/<encoded name>}. Its state is read through
 * org.freedesktop.DBus.Properties (busctl get-property works); these annotations only describe the
 * properties in the introspection data. Properties are read fresh on every call and no
 * PropertiesChanged signal is sent: the ones that can change say so (EmitsChangedSignal=false).
 */
@DBusInterfaceName("org.siren.Image1")
@DBusProperty(name = "Name", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "Version", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "Kind", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "Base", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "Layers", type = Image1.StringList.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "Path", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "MountPoint", type = String.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "UsageBytes", type = UInt64.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "Created", type = UInt64.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.CONST)
@DBusProperty(name = "Mounted", type = Boolean.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "Dependents", type = Image1.StringList.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
public interface Image1 extends DBusInterface {

    /** Same as Builder1.RemoveImage for this image. */
    void Remove(Map<String, Variant<?>> options);

    /** The {@code as} type of the Layers and Dependents properties. */
    interface StringList extends org.freedesktop.dbus.TypeRef<java.util.List<String>> {
    }
}
