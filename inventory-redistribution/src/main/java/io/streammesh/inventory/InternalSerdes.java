package io.streammesh.inventory;

import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import io.streammesh.inventory.model.MembershipChange.Role;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary formats for what only this service reads: the values of its three stores (and
 * so their changelogs) and of the {@code pairing-changes} repartition topic. JSON there cost more
 * than the matching itself (every member of a region was parsed on every scan). Public topics
 * stay JSON. Strings are written as their UTF-16 units, so any Java string (unpaired surrogates
 * included) round-trips exactly, as the station ids and region names must for keys and equality.
 * A leading format byte leaves room for a change of layout.
 */
final class InternalSerdes {

    private static final byte FORMAT = 1;

    static final Serde<Member> MEMBERS = serde(InternalSerdes::writeMember, InternalSerdes::readMember);
    static final Serde<MembershipChange> CHANGES = serde(InternalSerdes::writeChange, InternalSerdes::readChange);
    static final Serde<Availability> ROWS = serde(InternalSerdes::writeRow, InternalSerdes::readRow);

    private interface Writer<T> {
        void write(Out out, T value);
    }

    private static <T> Serde<T> serde(Writer<T> writer, Function<ByteBuffer, T> reader) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            Out out = new Out();
            out.b(FORMAT);
            writer.write(out, value);
            return out.bytes();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                ByteBuffer in = ByteBuffer.wrap(bytes);
                byte format = in.get();
                if (format != FORMAT) {
                    throw new SerializationException("unknown internal value format " + format);
                }
                T value = reader.apply(in);
                if (in.hasRemaining()) {
                    throw new SerializationException("trailing bytes after an internal value");
                }
                return value;
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new SerializationException("a corrupt internal value", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static void writeMember(Out out, Member m) {
        out.s(m.stationId());
        out.s(m.regionName());
        out.s(m.name());
        out.d(m.lat());
        out.d(m.lon());
        out.i(m.amount());
    }

    private static Member readMember(ByteBuffer in) {
        return new Member(str(in), str(in), str(in), in.getDouble(), in.getDouble(), in.getInt());
    }

    private static void writeChange(Out out, MembershipChange c) {
        out.b((byte) c.role().ordinal());
        out.s(c.stationId());
        optionalMember(out, c.before());
        optionalMember(out, c.after());
    }

    private static void optionalMember(Out out, Member m) {
        out.b((byte) (m == null ? 0 : 1));
        if (m != null) {
            writeMember(out, m);
        }
    }

    private static MembershipChange readChange(ByteBuffer in) {
        Role role = Role.values()[in.get()];
        String stationId = str(in);
        Member before = in.get() == 0 ? null : readMember(in);
        Member after = in.get() == 0 ? null : readMember(in);
        return new MembershipChange(role, stationId, before, after);
    }

    // the layout of format 1 before the rows became the contract's records: stored state reads on
    private static void writeRow(Out out, Availability a) {
        AvailableStation s = a.station();
        out.s(s.stationId());
        out.s(s.name());
        out.s(s.regionName());
        out.d(s.lat());
        out.d(s.lon());
        out.i(s.capacity());
        out.i(s.numBikesAvailable());
        out.i(s.numDocksAvailable());
        out.b((byte) (a.high() != null ? 1 : 0));
        out.i(a.high() != null ? a.high().surplus() : a.low().shortage());
        out.d(a.percentAvailable());
    }

    private static Availability readRow(ByteBuffer in) {
        AvailableStation station = new AvailableStation(str(in), str(in), str(in), in.getDouble(), in.getDouble(),
                in.getInt(), in.getInt(), in.getInt());
        boolean high = in.get() == 1;
        int amount = in.getInt();
        double percentAvailable = in.getDouble();
        return high ? Availability.of(new HighAvailability(station, amount, percentAvailable))
                : Availability.of(new LowAvailability(station, amount, percentAvailable));
    }

    private static String str(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        if (length > in.remaining() / 2) {
            throw new SerializationException("a string longer than its value");
        }
        char[] chars = new char[length];
        in.asCharBuffer().get(chars);
        in.position(in.position() + 2 * length);
        return new String(chars);
    }

    /** A growable big-endian buffer. */
    private static final class Out {
        private ByteBuffer buf = ByteBuffer.allocate(128);

        private void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void b(byte v) {
            ensure(1);
            buf.put(v);
        }

        void i(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void d(double v) {
            ensure(8);
            buf.putDouble(v);
        }

        void s(String v) {
            if (v == null) {
                i(-1);
                return;
            }
            int n = v.length();
            ensure(4 + 2 * n);
            buf.putInt(n);
            for (int k = 0; k < n; k++) {
                buf.putChar(v.charAt(k));
            }
        }

        byte[] bytes() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }

    private InternalSerdes() {
    }
}
