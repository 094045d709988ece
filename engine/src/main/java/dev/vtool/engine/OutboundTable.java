package dev.vtool.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbounds by tag and the default one (the first), as 4.34's outbound manager keeps them: the API's
 * HandlerService may add and remove outbounds while connections are dispatched, so lookups are lock-free
 * and changes are serialised.
 */
public final class OutboundTable {
    private final ConcurrentHashMap<String, OutboundHandler> byTag = new ConcurrentHashMap<>();
    private volatile OutboundHandler defaultHandler;
    private volatile String defaultTag;
    /** Tags in order of addition, for the router's checks. */
    private final List<String> tags = new ArrayList<>();

    /**
     * Adds an outbound; the first one added becomes the default, as does the next one added after the
     * default was removed. A tag already present keeps its first handler (4.34 keeps the first, too).
     *
     * @return false when the tag is already taken
     */
    public synchronized boolean add(String tag, OutboundHandler handler) {
        if (tag != null && !tag.isEmpty() && byTag.containsKey(tag)) {
            return false;
        }
        if (defaultHandler == null) {
            defaultHandler = handler;
            defaultTag = tag;
        }
        if (tag != null && !tag.isEmpty()) {
            byTag.put(tag, handler);
        }
        tags.add(tag);
        return true;
    }

    /** A table with a given default and these tags (tests). */
    static OutboundTable of(Map<String, OutboundHandler> byTag, OutboundHandler defaultHandler, String defaultTag) {
        OutboundTable t = new OutboundTable();
        t.defaultHandler = defaultHandler;
        t.defaultTag = defaultTag;
        t.byTag.putAll(byTag);
        t.tags.addAll(byTag.keySet());
        return t;
    }

    /** Puts an internal handler (the API's) under its tag, replacing a configured one of that tag. */
    synchronized void put(String tag, OutboundHandler handler) {
        byTag.put(tag, handler);
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
    }

    /** @return the removed handler, or null when no outbound has that tag */
    public synchronized OutboundHandler remove(String tag) {
        OutboundHandler h = byTag.remove(tag);
        if (h == null) {
            return null;
        }
        tags.remove(tag);
        if (h == defaultHandler) {
            defaultHandler = null;
            defaultTag = null;
        }
        return h;
    }

    /** A live read-only view by tag (for proxySettings chains, looked up per connection). */
    Map<String, OutboundHandler> asMap() {
        return java.util.Collections.unmodifiableMap(byTag);
    }

    public OutboundHandler get(String tag) {
        return byTag.get(tag);
    }

    OutboundHandler defaultHandler() {
        return defaultHandler;
    }

    String defaultTag() {
        return defaultTag;
    }

    synchronized List<String> tags() {
        return List.copyOf(tags);
    }
}
