package cn.laorenjia.settlement.web;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * The frame of every server-drawn page (register, supervision): its title, who is signed in, the navigation, and a
 * fixed notice after an action (chosen by a key, never text from the request).
 */
@TemplateData
public record Chrome(String title, String who, List<NavLink> nav, String notice) {

    /** A link of the navigation; {@code current} marks the section the page belongs to. */
    @TemplateData
    public record NavLink(String label, String href, boolean current) {
    }
}
