package dev.vtool.schema.model;

import java.util.List;

/** Ports of a routing condition ({@code "53,443,1000-2000"}): any range may match. */
public record PortList(List<PortRange> ranges) {
    public PortList {
        ranges = List.copyOf(ranges);
    }

    public boolean contains(int port) {
        for (PortRange r : ranges) {
            if (r.contains(port)) {
                return true;
            }
        }
        return false;
    }
}
