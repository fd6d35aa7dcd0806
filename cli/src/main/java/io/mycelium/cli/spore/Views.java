package io.mycelium.cli.spore;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.Table;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.manifest.PayloadFile;

/** The JSON shapes the spore commands print, and their table forms. */
final class Views {
    private Views() {
    }

    /** One payload file. */
    record FileView(String path, String sha256, long size, boolean executable) {
        static FileView of(PayloadFile f) {
            return new FileView(f.path(), f.sha256(), f.size(), f.executable());
        }
    }

    static List<FileView> files(List<PayloadFile> files) {
        return files.stream().map(FileView::of).toList();
    }

    static Table fileTable(List<PayloadFile> files) {
        Table t = Table.of("FILE", "SIZE", "MODE", "SHA256");
        for (PayloadFile f : files) {
            t.row(f.path(), f.size(), f.executable() ? "755" : "644", f.sha256());
        }
        return t;
    }

    /** The manifest as its own JSON (snake_case, as signed). */
    static JsonNode manifest(Manifest m) {
        return ManifestCodec.mapper().valueToTree(m);
    }
}
