package cn.laorenjia.settlement.replay.service;

/** The rows of a replay report, 区 → 街镇 → canteen. */
public enum ReplayLevel {
    DISTRICT, SUBDISTRICT, CANTEEN
}
