package dev.vtool.engine.routing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every network of a rule set, each tagged with the id of the rule (or matcher) it belongs to, cut into
 * disjoint address ranges that each know the ids covering them: an address finds its ids by one binary
 * search, however many networks there are. IPv4 and IPv6 are kept apart; an IPv4-mapped IPv6 address
 * also finds the IPv4 networks.
 */
final class IpRangeTable {
    private static final int[] NONE = new int[0];
    /** IPv4: range starts (unsigned 32-bit values in a long), ascending, and the ids of each range. */
    private final long[] v4Starts;
    private final int[][] v4Ids;
    /** IPv6: range starts as high and low 64 bits (compared unsigned), ascending, and the ids of each. */
    private final long[] v6High;
    private final long[] v6Low;
    private final int[][] v6Ids;

    private IpRangeTable(Ranges v4, Ranges v6) {
        v4Starts = new long[v4.starts.size()];
        for (int i = 0; i < v4Starts.length; i++) {
            v4Starts[i] = v4.starts.get(i).longValue();
        }
        v4Ids = v4.ids.toArray(new int[0][]);
        v6High = new long[v6.starts.size()];
        v6Low = new long[v6.starts.size()];
        for (int i = 0; i < v6High.length; i++) {
            v6High[i] = v6.starts.get(i).shiftRight(64).longValue();
            v6Low[i] = v6.starts.get(i).longValue();
        }
        v6Ids = v6.ids.toArray(new int[0][]);
    }

    boolean isEmpty() {
        return v4Starts.length == 0 && v6High.length == 0;
    }

    /** Collects networks with their ids. */
    static final class Builder {
        private final TreeMap<BigInteger, List<int[]>> v4 = new TreeMap<>();
        private final TreeMap<BigInteger, List<int[]>> v6 = new TreeMap<>();

        void add(Cidr c, int id) {
            byte[] net = c.network();
            if (net.length != 4 && net.length != 16) {
                return; // matches nothing, as before
            }
            int bits = net.length * 8;
            int prefix = Math.max(0, Math.min(c.prefix(), bits));
            BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
            BigInteger start = new BigInteger(1, net).shiftRight(bits - prefix).shiftLeft(bits - prefix);
            TreeMap<BigInteger, List<int[]>> events = bits == 32 ? v4 : v6;
            events.computeIfAbsent(start, k -> new ArrayList<>()).add(new int[] {id, 1});
            BigInteger end = start.add(size);
            if (end.bitLength() <= bits) { // a network ending at the top address never ends
                events.computeIfAbsent(end, k -> new ArrayList<>()).add(new int[] {id, -1});
            }
        }

        IpRangeTable build() {
            return new IpRangeTable(sweep(v4), sweep(v6));
        }

        private static Ranges sweep(TreeMap<BigInteger, List<int[]>> events) {
            Ranges r = new Ranges();
            TreeMap<Integer, Integer> active = new TreeMap<>(); // id -> networks of it covering this point
            Map<List<Integer>, int[]> shared = new HashMap<>();
            for (Map.Entry<BigInteger, List<int[]>> at : events.entrySet()) {
                for (int[] e : at.getValue()) {
                    active.merge(e[0], e[1], Integer::sum);
                    if (active.get(e[0]) == 0) {
                        active.remove(e[0]);
                    }
                }
                List<Integer> key = List.copyOf(active.keySet());
                int[] ids = shared.computeIfAbsent(key, k -> k.stream().mapToInt(Integer::intValue).toArray());
                if (!r.ids.isEmpty() && r.ids.get(r.ids.size() - 1) == ids) {
                    continue; // the same ids as the range before: one range
                }
                r.starts.add(at.getKey());
                r.ids.add(ids);
            }
            return r;
        }
    }

    private static final class Ranges {
        final List<BigInteger> starts = new ArrayList<>();
        final List<int[]> ids = new ArrayList<>();
    }

    /** The ids (ascending, no duplicates) whose networks contain ip (4 or 16 bytes). */
    int[] lookup(byte[] ip) {
        if (ip.length == 4) {
            return v4(ip, 0);
        }
        if (ip.length != 16) {
            return NONE;
        }
        int[] six = v6(ip);
        if (!Cidr.isMapped(ip)) {
            return six;
        }
        int[] four = v4(ip, 12);
        if (six.length == 0) {
            return four;
        }
        if (four.length == 0) {
            return six;
        }
        IntList both = new IntList();
        both.addAll(six);
        both.addAll(four);
        return both.toSortedSet();
    }

    private int[] v4(byte[] ip, int at) {
        long v = ((ip[at] & 0xFFL) << 24) | ((ip[at + 1] & 0xFFL) << 16) | ((ip[at + 2] & 0xFFL) << 8) | (ip[at + 3] & 0xFFL);
        int i = Arrays.binarySearch(v4Starts, v);
        if (i < 0) {
            i = -i - 2; // the range starting below v
        }
        return i < 0 ? NONE : v4Ids[i];
    }

    private int[] v6(byte[] ip) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (ip[i] & 0xFF);
            low = (low << 8) | (ip[i + 8] & 0xFF);
        }
        int lo = 0;
        int hi = v6High.length - 1;
        int found = -1;
        while (lo <= hi) { // the last start <= ip
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(v6High[mid], high);
            if (cmp == 0) {
                cmp = Long.compareUnsigned(v6Low[mid], low);
            }
            if (cmp <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? NONE : v6Ids[found];
    }
}
