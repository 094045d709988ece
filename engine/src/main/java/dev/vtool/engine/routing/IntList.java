package dev.vtool.engine.routing;

import java.util.Arrays;

/** A growable list of ints without boxing: rule ids collected while matching one connection. */
final class IntList {
    private int[] items = new int[8];
    private int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    void addAll(int[] vs) {
        for (int v : vs) {
            add(v);
        }
    }

    int size() {
        return size;
    }

    int get(int i) {
        return items[i];
    }

    void sort() {
        Arrays.sort(items, 0, size);
    }

    /** Sorted, without duplicates. */
    int[] toSortedSet() {
        int[] a = Arrays.copyOf(items, size);
        Arrays.sort(a);
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (n == 0 || a[n - 1] != a[i]) {
                a[n++] = a[i];
            }
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
    }
}
